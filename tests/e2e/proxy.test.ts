/**
 * TRUST_PROXY in every form it takes, against the real server: behind a TLS-terminating proxy, sign-in works
 * (the browser's Origin is https), the cookie is Secure with the __Host- prefix, HSTS is sent, and the address
 * recorded is the real client's, not the proxy's. Untrusted forwarded headers change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./browser";
import { appDatabase, form, rawRequest, setCookies } from "./http";

const PUBLIC_HOST = "care.example.nhs.uk";
const CLIENT = "198.51.100.7";
const OUTER_PROXY = "203.0.113.9";
const SIGN_IN = form({ email: "lead@riverside-pcn.example", password: "care-portfolio-demo", redirectTo: "/" });

/** A sign-in as nginx passes it on: the browser's https Origin, and the chain of addresses it came through. */
function signInThroughProxy(app: App, hostHeaders: Record<string, string>) {
  return rawRequest(app.baseUrl, {
    method: "POST",
    path: "/sign-in",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: `https://${PUBLIC_HOST}`,
      "X-Forwarded-Proto": "https",
      "X-Forwarded-For": `${CLIENT}, ${OUTER_PROXY}`,
      ...hostHeaders,
    },
    body: SIGN_IN,
  });
}

function lastSessionAddress(app: App): string | null {
  const db = appDatabase(app);
  try {
    return (
      (db.prepare("select ip from sessions order by rowid desc limit 1").get() as { ip: string | null } | undefined)
        ?.ip ?? null
    );
  } finally {
    db.close();
  }
}

const trusted: { setting: string; clientAddress: string }[] = [
  { setting: "1", clientAddress: OUTER_PROXY },
  { setting: "2", clientAddress: CLIENT },
  { setting: "loopback", clientAddress: OUTER_PROXY },
  { setting: "true", clientAddress: CLIENT },
  { setting: "127.0.0.1, ::1, 203.0.113.0/24", clientAddress: CLIENT },
];

const untrusted = ["false", "10.0.0.0/8"];

/** A server of its own for each setting, all started side by side before the tests and stopped after them. */
const servers = new Map<string, App>();
beforeAll(async () => {
  const settings = [...trusted.map((t) => t.setting), ...untrusted];
  const started = await Promise.allSettled(settings.map((setting) => startApp({ TRUST_PROXY: setting })));
  for (const [i, result] of started.entries())
    if (result.status === "fulfilled") servers.set(settings[i]!, result.value);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) throw failed.reason;
});
afterAll(() => Promise.all([...servers.values()].map((app) => app.stop())));
const serverWith = (setting: string) => ({
  get app() {
    return servers.get(setting)!;
  },
});

describe.each(trusted)("TRUST_PROXY=$setting", ({ setting, clientAddress }) => {
  const server = serverWith(setting);

  it("signs in over the proxy's https with a Secure __Host- cookie, HSTS and the client's address", async () => {
    const res = await signInThroughProxy(server.app, { Host: "127.0.0.1", "X-Forwarded-Host": PUBLIC_HOST });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/");
    const [cookie, ...others] = setCookies(res);
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^__Host-cp_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(lastSessionAddress(server.app)).toBe(clientAddress);
  });

  it("also when the proxy passes the public name in Host", async () => {
    const res = await signInThroughProxy(server.app, { Host: PUBLIC_HOST });
    expect(res.status).toBe(302);
    expect(setCookies(res)[0]).toMatch(/^__Host-cp_session=.*; Secure/);
  });

  it("the Secure cookie then opens the home page", async () => {
    const signedIn = await signInThroughProxy(server.app, { Host: PUBLIC_HOST });
    const cookie = setCookies(signedIn)[0]!.split(";")[0]!;
    const home = await rawRequest(server.app.baseUrl, {
      path: "/",
      headers: { Host: PUBLIC_HOST, "X-Forwarded-Proto": "https", Cookie: cookie },
    });
    expect(home.status).toBe(200);
    expect(home.body).toContain("Sign out");
  });
});

describe.each(untrusted)("TRUST_PROXY=%j (the caller is not a trusted proxy)", (setting) => {
  const server = serverWith(setting);

  it("ignores forwarded headers: an https Origin from plain http is cross-site and refused", async () => {
    const res = await signInThroughProxy(server.app, { Host: "127.0.0.1", "X-Forwarded-Host": PUBLIC_HOST });
    expect(res.status).toBe(403);
    expect(setCookies(res)).toEqual([]);
  });

  it("a direct sign-in gets a plain cookie, no HSTS, and the connection's own address", async () => {
    const res = await rawRequest(server.app.baseUrl, {
      method: "POST",
      path: "/sign-in",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: server.app.baseUrl,
        "X-Forwarded-For": CLIENT,
        "X-Forwarded-Proto": "https",
      },
      body: SIGN_IN,
    });
    expect(res.status).toBe(302);
    expect(setCookies(res)[0]).toMatch(/^cp_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(lastSessionAddress(server.app)).toBe("127.0.0.1");
  });
});
