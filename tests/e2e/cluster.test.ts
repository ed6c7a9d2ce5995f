/**
 * Several server processes on one port (WEB_CONCURRENCY=2): any process serves any request, a success message set by
 * one shows on the page another serves, scheduled jobs run once, a process that dies is replaced without the service
 * dropping, and a stop ends them all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./browser";
import { form, rawRequest, setCookies } from "./http";

const PASSWORD = "care-portfolio-demo";
// A new connection for every request, so node:cluster hands each to the next process in turn.
const FRESH = { Connection: "close" };

let app: App;
let stopped = false;
const workerPids = () => [...app.output().matchAll(/serving on \S+ \(process (\d+)\)/g)].map((m) => Number(m[1]));

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const get = (path: string, cookie: string) => rawRequest(app.baseUrl, { path, headers: { ...FRESH, Cookie: cookie } });

beforeAll(async () => {
  app = await startApp({ WEB_CONCURRENCY: "2", PURGE_DAILY: "1" });
  await until(() => workerPids().length === 2, "two server processes");
});
afterAll(async () => {
  if (app && !stopped) await app.stop();
});

describe("WEB_CONCURRENCY=2", () => {
  let cookie: string;

  it("keeps a person signed in whichever process answers", async () => {
    const signIn = await rawRequest(app.baseUrl, {
      method: "POST",
      path: "/sign-in",
      headers: { ...FRESH, Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: "admin@care-portfolio.example", password: PASSWORD, redirectTo: "/" }),
    });
    expect(signIn.status).toBe(302);
    cookie = setCookies(signIn)
      .find((c) => c.startsWith("cp_session="))!
      .split(";")[0]!;
    for (let i = 0; i < 20; i += 1) {
      const page = await get("/admin/pcns", cookie);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Sign out");
    }
  });

  it("shows a success message set by one process on the page the next one serves", async () => {
    for (let i = 0; i < 6; i += 1) {
      const name = `Cluster PCN ${i}`;
      const posted = await rawRequest(app.baseUrl, {
        method: "POST",
        path: "/admin/pcns",
        headers: { ...FRESH, Cookie: cookie, Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        body: form({ name, odsCode: `U7100${i}` }),
      });
      expect(posted.status).toBe(302);
      const flash = setCookies(posted)
        .find((c) => c.startsWith("cp_flash="))!
        .split(";")[0]!;
      const page = await get(posted.headers.location!, `${cookie}; ${flash}`);
      expect(page.body).toContain(`${name} added`);
    }
  });

  it("runs the scheduled jobs in one process only", async () => {
    await until(() => /Daily purge: /.test(app.output()), "the purge at start");
    await new Promise((r) => setTimeout(r, 500));
    expect(app.output().match(/Daily purge: /g)).toHaveLength(1);
  });

  it("replaces a process that dies, and the service answers meanwhile", async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim!, "SIGKILL");
    await until(() => app.output().includes(`Server process ${victim} stopped (SIGKILL)`), "the primary to notice");
    for (let i = 0; i < 10; i += 1) expect((await get("/admin/pcns", cookie)).status).toBe(200);
    await until(() => workerPids().length === 3, "a replacement process");
    expect(workerPids()).toContain(survivor);
  });

  it("stops every process on SIGTERM", async () => {
    const pids = workerPids();
    stopped = true;
    await app.stop();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until(() => !pids.some(alive), "every process to stop");
  });
});
