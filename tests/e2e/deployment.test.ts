/**
 * What a real deployment meets first, against the real server behind a (simulated) TLS proxy: the headers and
 * cookies on every kind of response, body limits before anything is parsed, /healthz, and errors that are logged
 * once, as one line, and shown to nobody.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startAppAndBrowser, type App } from "./browser";
import { personId, signedInPage } from "./flows";
import { appDatabase, exec, form, rawRequest, setCookies, type RawResponse } from "./http";

const HOST = "care.example.nhs.uk";
const HTTPS = { Host: HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7" };
const PASSWORD = "care-portfolio-demo";
const TOO_LARGE = "What you sent is too large";

function sql<T>(app: App, query: string, ...params: unknown[]): T {
  const db = appDatabase(app);
  try {
    return db.prepare(query).get(...params) as T;
  } finally {
    db.close();
  }
}

async function signInAs(app: App, email: string): Promise<{ cookie: string; response: RawResponse }> {
  const response = await rawRequest(app.baseUrl, {
    method: "POST",
    path: "/sign-in",
    headers: { ...HTTPS, Origin: `https://${HOST}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: form({ email, password: PASSWORD, redirectTo: "/" }),
  });
  return { cookie: setCookies(response)[0]!.split(";")[0]!, response };
}

const get = (app: App, path: string, cookie?: string) =>
  rawRequest(app.baseUrl, { path, headers: { ...HTTPS, ...(cookie ? { Cookie: cookie } : {}) } });

function expectPrivate(res: RawResponse) {
  expect(res.headers["cache-control"]).toMatch(/no-store/);
  expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(setCookies(res)).toEqual([]);
}

async function multipart(fields: Record<string, string | Blob>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  const encoded = new Response(data);
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get("Content-Type")! };
}

// The second app (for the /healthz failures below) starts beside the first rather than after its tests.
let contentDir: string;
let unhealthyApp: Promise<App>;
beforeAll(() => {
  contentDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "care-portfolio-content-"));
  fs.cpSync(path.resolve("content"), contentDir, { recursive: true });
  unhealthyApp = startApp({ HEALTH_MIN_FREE_MB: String(1024 ** 3), CONTENT_DIR: contentDir });
  // Awaited, and a failure reported, by the block that uses it.
  unhealthyApp.catch(() => undefined);
});
afterAll(async () => {
  await (await unhealthyApp?.catch(() => null))?.stop();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe("behind a TLS proxy (TRUST_PROXY=1)", () => {
  const ctx = startAppAndBrowser({ TRUST_PROXY: "1" });
  let lead: string;
  let coordinator: string;
  let coordinatorId: number;

  beforeAll(async () => {
    lead = (await signInAs(ctx.app, "lead@riverside-pcn.example")).cookie;
    coordinator = (await signInAs(ctx.app, "coordinator@riverside-pcn.example")).cookie;
    coordinatorId = personId(ctx.app, "coordinator@riverside-pcn.example");
  });

  describe("cookies and headers on every kind of response", () => {
    it("signing in sets only the __Host- cookie, Secure, and redirects privately", async () => {
      const { response } = await signInAs(ctx.app, "lead@riverside-pcn.example");
      expect(response.status).toBe(302);
      expect(setCookies(response)).toEqual([
        expect.stringMatching(/^__Host-cp_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
      ]);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    });

    it("a redirect to sign in is private", async () => {
      const res = await get(ctx.app, "/people");
      expect(res.status).toBe(302);
      expectPrivate(res);
    });

    it.each([
      ["HTML page", "/people", "text/html"],
      ["data request", "/people.data", "text/x-script"],
      ["CSV", "/dashboard.csv", "text/csv"],
      ["JSON", "/api/readiness", "application/json"],
    ])("%s (%s) is private", async (_kind, path, type) => {
      const res = await get(ctx.app, path, lead);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toContain(type);
      expectPrivate(res);
    });

    it("a PDF is private", async () => {
      const res = await get(ctx.app, `/people/${coordinatorId}/export.pdf`, coordinator);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expectPrivate(res);
    });

    it("an uploaded attachment (sent as multipart within the limit) downloads privately", async () => {
      const png = fs.readFileSync(path.resolve("tests/fixtures/pdf/certificate.png"));
      // No title, so the form comes back with an error; the file is stored all the same, as the app promises.
      const { body, type } = await multipart({
        title: "",
        files: new File([png], "certificate.png", { type: "image/png" }),
      });
      const res = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/evidence/new",
        headers: { ...HTTPS, Origin: `https://${HOST}`, Cookie: coordinator, "Content-Type": type },
        body,
      });
      expect(res.status).toBe(400);
      const { id } = sql<{ id: number }>(
        ctx.app,
        "select id from attachments where owner_id = ? order by id desc limit 1",
        coordinatorId,
      );
      const download = await get(ctx.app, `/attachments/${id}`, coordinator);
      expect(download.status).toBe(200);
      expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
      expectPrivate(download);
    });

    it("the health check and the not-found page are private too", async () => {
      expectPrivate(await get(ctx.app, "/healthz"));
      const missing = await get(ctx.app, "/no-such-page", lead);
      expect(missing.status).toBe(404);
      expectPrivate(missing);
    });

    it("static assets may be cached, and carry no cookie", async () => {
      const page = await get(ctx.app, "/sign-in");
      const asset = /href="(\/assets\/[^"]+\.css)"/.exec(page.body)![1]!;
      const res = await get(ctx.app, asset);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(setCookies(res)).toEqual([]);
    });

    it("signing out clears the same __Host- cookie", async () => {
      const { cookie } = await signInAs(ctx.app, "supervisor@riverside-pcn.example");
      const res = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/sign-out",
        headers: {
          ...HTTPS,
          Origin: `https://${HOST}`,
          Cookie: cookie,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "",
      });
      expect(res.status).toBe(302);
      expect(setCookies(res)).toEqual([
        expect.stringMatching(/^__Host-cp_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
      ]);
      expect((await get(ctx.app, "/people", cookie)).status).toBe(302);
    });

    it("after signing out, Back in the browser shows nothing of the person", async () => {
      const page = await signedInPage(
        ctx.browser,
        ctx.app.baseUrl,
        "coordinator@riverside-pcn.example",
        `/people/${coordinatorId}/cpd`,
      );
      await page.getByText("Siân Williams").first().waitFor();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/sign-in\?signedOut=1/);
      await page.goBack();
      await page.getByRole("heading", { name: "Sign in to Care Portfolio" }).waitFor();
      await expect(page.content()).resolves.not.toContain("Siân Williams");
      await page.context().close();
    });
  });

  describe("body limits, before anything is parsed", () => {
    const urlencoded = { ...HTTPS, Origin: `https://${HOST}`, "Content-Type": "application/x-www-form-urlencoded" };

    it("a 150 MB sign-in is refused from its Content-Length, unread", async () => {
      const res = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/sign-in",
        headers: { ...urlencoded, "Content-Length": String(150 * 1024 * 1024) },
        body: "",
      });
      expect(res.status).toBe(413);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain(TOO_LARGE);
    });

    it("a chunked sign-in is refused as soon as it passes the limit", async () => {
      const res = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/sign-in",
        headers: urlencoded,
        chunks: { size: 1024, count: 150 * 1024 },
      });
      expect(res.status).toBe(413);
      expect(res.body).toContain(TOO_LARGE);
    });

    it("a chunked sign-in under the limit still signs in", async () => {
      const body = form({ email: "lead@riverside-pcn.example", password: PASSWORD, redirectTo: "/" });
      const res = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/sign-in",
        headers: { ...urlencoded, "Transfer-Encoding": "chunked" },
        body,
      });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe("/");
    });

    it("signed in, an ordinary form over 64 KB is refused, with a Content-Length or chunked", async () => {
      const big = form({ name: "a".repeat(70 * 1024), email: "x@nhs.net", roles: "coordinator" });
      const declared = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/people/new",
        headers: { ...urlencoded, Cookie: lead },
        body: big,
      });
      expect(declared.status).toBe(413);
      const chunked = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/people/new",
        headers: { ...urlencoded, Cookie: lead },
        chunks: { size: 4096, count: 20 },
      });
      expect(chunked.status).toBe(413);
      expect(sql<{ n: number }>(ctx.app, "select count(*) as n from users where length(name) > 1000").n).toBe(0);
    });

    it("multipart gets the small limit where no files are taken, signed in or not", async () => {
      const { body, type } = await multipart({ email: "a".repeat(100 * 1024), password: "x" });
      const anonymous = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/sign-in",
        headers: { ...HTTPS, Origin: `https://${HOST}`, "Content-Type": type },
        body,
      });
      expect(anonymous.status).toBe(413);
      const signedIn = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: `/people/${coordinatorId}/cpd`,
        headers: { ...HTTPS, Origin: `https://${HOST}`, Cookie: coordinator, "Content-Type": type },
        body,
      });
      expect(signedIn.status).toBe(413);
    });

    it("multipart on an upload page gets the upload limit: under it the form is read, over it refused", async () => {
      const headers = (cookie?: string, type = "multipart/form-data; boundary=x") => ({
        ...HTTPS,
        Origin: `https://${HOST}`,
        "Content-Type": type,
        ...(cookie ? { Cookie: cookie } : {}),
      });
      const { body, type } = await multipart({ title: "", whatHappened: "a".repeat(200 * 1024) });
      const read = await rawRequest(ctx.app.baseUrl, {
        method: "POST",
        path: "/evidence/new",
        headers: headers(coordinator, type),
        body,
      });
      expect(read.status).toBe(400);
      expect(read.body).toContain("Enter a title");
      for (const cookie of [coordinator, undefined]) {
        const declared = await rawRequest(ctx.app.baseUrl, {
          method: "POST",
          path: "/evidence/new",
          headers: { ...headers(cookie), "Content-Length": String(43 * 1024 * 1024) },
          body: "",
        });
        expect(declared.status).toBe(413);
        const chunked = await rawRequest(ctx.app.baseUrl, {
          method: "POST",
          path: "/evidence/new",
          headers: headers(cookie),
          chunks: { size: 1024 * 1024, count: 43 },
        });
        expect(chunked.status).toBe(413);
        expect(chunked.body).toContain(TOO_LARGE);
      }
    });

    it("keeps serving after refusing", async () => {
      expect((await get(ctx.app, "/healthz")).status).toBe(200);
    });
  });

  describe("/healthz", () => {
    it("says ok with each check and nothing else", async () => {
      const res = await get(ctx.app, "/healthz");
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({
        status: "ok",
        checks: { database: "ok", migrations: "ok", content: "ok", disk: "ok" },
      });
    });

    it("is unhealthy (503) when the database is missing a migration", async () => {
      const last = sql<{ name: string }>(ctx.app, "select name from kysely_migration order by name desc limit 1").name;
      exec(ctx.app, `delete from kysely_migration where name = '${last}'`);
      try {
        const res = await get(ctx.app, "/healthz");
        expect(res.status).toBe(503);
        expect(JSON.parse(res.body)).toEqual({
          status: "unhealthy",
          checks: { database: "ok", migrations: "fail", content: "ok", disk: "ok" },
        });
      } finally {
        exec(ctx.app, `insert into kysely_migration (name, timestamp) values ('${last}', '2026-01-01T00:00:00.000Z')`);
      }
      expect((await get(ctx.app, "/healthz")).status).toBe(200);
    });
  });

  describe("errors", () => {
    it("an unauthenticated OPTIONS gets an answer and writes nothing to the log", async () => {
      const before = ctx.app.output().length;
      const res = await rawRequest(ctx.app.baseUrl, { method: "OPTIONS", path: "/people" });
      expect(res.status).toBe(204);
      expect(res.headers.allow).toBe("GET, HEAD, POST");
      expect(ctx.app.output().slice(before)).toBe("");
    });

    it("a write that is not a form post is refused with 415 or 405, signed in or not, and logs nothing", async () => {
      const before = ctx.app.output().length;
      const origin = { ...HTTPS, Origin: `https://${HOST}` };
      for (const cookie of [undefined, lead]) {
        const headers = { ...origin, ...(cookie ? { Cookie: cookie } : {}) };
        for (const path of ["/sign-in", "/people/new", "/account", "/admin/pcns", "/dashboard/verify"]) {
          const json = await rawRequest(ctx.app.baseUrl, {
            method: "POST",
            path,
            headers: { ...headers, "Content-Type": "application/json" },
            body: "{}",
          });
          expect(json.status, `${path} with JSON`).toBe(415);
          expect(json.body).toContain("This request was not sent from a form");
          const untyped = await rawRequest(ctx.app.baseUrl, { method: "POST", path, headers, body: "" });
          expect(untyped.status, `${path} with no content type`).toBe(415);
        }
        const remove = await rawRequest(ctx.app.baseUrl, {
          method: "DELETE",
          path: `/people/${coordinatorId}`,
          headers,
        });
        expect(remove.status).toBe(405);
        expect(remove.headers.allow).toBe("GET, HEAD, POST");
      }
      expect(ctx.app.output().slice(before)).toBe("");
    });

    it("an unexpected error is one JSON log line without a stack, and a page that leaks nothing", async () => {
      exec(ctx.app, "alter table cpd_entries rename to cpd_entries_away");
      const before = ctx.app.output().length;
      try {
        const res = await get(ctx.app, `/people/${coordinatorId}/cpd?search=Si%C3%A2n`, coordinator);
        expect(res.status).toBe(500);
        expect(res.body).toContain("Sorry, there is a problem with the service");
        expect(res.body).not.toMatch(/cpd_entries|SqliteError|no such table|node_modules|\bat \//);
        expectPrivate(res);
      } finally {
        exec(ctx.app, "alter table cpd_entries_away rename to cpd_entries");
      }
      await new Promise((r) => setTimeout(r, 200));
      const lines = ctx.app.output().slice(before).trim().split("\n");
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]!);
      expect(entry).toMatchObject({
        level: "error",
        method: "GET",
        route: `/people/${coordinatorId}/cpd`,
        error: "SqliteError",
      });
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines[0]).not.toMatch(/Siân|Si%C3%A2n|coordinator@|cp_session/);
    });
    // The same error page, in the browser, passes the accessibility checks: request-ids.test.ts.
  });
});

describe("/healthz when the disk is short of space or the content is broken", () => {
  let app: App;
  beforeAll(async () => {
    app = await unhealthyApp;
  });

  it("503 naming the failing checks, and nothing about the machine", async () => {
    const short = await get(app, "/healthz");
    expect(short.status).toBe(503);
    expect(JSON.parse(short.body)).toEqual({
      status: "unhealthy",
      checks: { database: "ok", migrations: "ok", content: "ok", disk: "fail" },
    });
    fs.writeFileSync(path.join(contentDir, "roles.json"), "{ not json");
    const broken = await get(app, "/healthz");
    expect(JSON.parse(broken.body).checks).toEqual({ database: "ok", migrations: "ok", content: "fail", disk: "fail" });
    expect(broken.body).not.toMatch(/roles\.json|MB|version/i);
  });
});
