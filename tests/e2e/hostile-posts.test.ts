/**
 * The evidence form posted with hostile values against the real built server: every request gets an HTTP answer,
 * either the form with field errors or a clear 4xx refusal, and the server stays responsive. Sent over plain
 * sockets (node:http, one connection each, or raw bytes) so nothing between the test and the server tidies the
 * request up first.
 */
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./browser";

let app: App;
let cookie: string;
let evidenceUrl: string;
let host: string;

interface Answer {
  status: number;
  body: string;
}

/** One POST on its own connection; rejects if the connection ends without an HTTP answer. */
function post(
  path: string,
  body: Buffer,
  headers: Record<string, string>,
  agent: http.Agent | false = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${app.baseUrl}${path}`,
      {
        method: "POST",
        agent,
        headers: { Origin: app.baseUrl, Cookie: cookie, "Content-Length": String(body.length), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 seconds")));
    request.on("error", reject);
    request.end(body);
  });
}

/** Raw bytes on a socket: the first line of whatever comes back (or a note that nothing did). */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(app.baseUrl).port), "127.0.0.1");
    let out = "";
    socket.setTimeout(30_000, () => socket.destroy());
    socket.on("data", (d) => (out += d.toString("latin1")));
    socket.on("error", () => resolve(out.split("\r\n")[0] || "no answer"));
    socket.on("close", () => resolve(out.split("\r\n")[0] || "no answer"));
    socket.end(bytes);
  });
}

const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };
const good = {
  title: "Hostile test",
  activityDate: "2026-10-01",
  type: "reflective-account",
  whatHappened: "a",
  whatLearned: "b",
  whatNext: "c",
  competencyIds: "pc-1",
};
const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString());

function multipart(parts: { name: string; value: string | Buffer; fileName?: string }[], boundary = "HostileBoundary") {
  const chunks = parts.map((p) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName === undefined ? "" : `; filename="${p.fileName}"`}\r\n`,
        "latin1",
      ),
      Buffer.from(p.fileName === undefined ? "\r\n" : "Content-Type: application/pdf\r\n\r\n"),
      typeof p.value === "string" ? Buffer.from(p.value) : p.value,
      Buffer.from("\r\n"),
    ]),
  );
  return {
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  app = await startApp();
  host = new URL(app.baseUrl).host;
  const signIn = await fetch(`${app.baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.baseUrl, ...urlencoded },
    body: form({ email: "coordinator@riverside-pcn.example", password: "care-portfolio-demo", redirectTo: "/" }),
  });
  cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  const made = await fetch(`${app.baseUrl}/evidence/new`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.baseUrl, Cookie: cookie, ...urlencoded },
    body: form(good),
  });
  evidenceUrl = `${made.headers.get("location")}/edit`;
  expect(evidenceUrl).toMatch(/^\/evidence\/\d+\/edit$/);
});

afterAll(async () => {
  await app?.stop();
});

describe("the evidence edit form answers every hostile post", () => {
  const cases: [string, () => { body: Buffer; headers: Record<string, string> }, number][] = [
    [
      "a 5 MB title, over the server's form limit",
      () => ({ body: form({ ...good, title: "x".repeat(5_000_000) }), headers: urlencoded }),
      413,
    ],
    ["a 20 KB title", () => ({ body: form({ ...good, title: "x".repeat(20_000) }), headers: urlencoded }), 400],
    [
      "broken percent-encoding",
      () => ({ body: Buffer.from("title=%E0%A4%A&whatHappened=%ZZ&%%%=1"), headers: urlencoded }),
      400,
    ],
    [
      "invalid UTF-8 bytes",
      () => ({
        body: Buffer.concat([
          Buffer.from("title="),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from("&whatHappened=%FF%FE"),
        ]),
        headers: urlencoded,
      }),
      400,
    ],
    [
      "200,000 different fields",
      () => ({
        body: Buffer.from(Array.from({ length: 200_000 }, (_, i) => `f${i}=1`).join("&")),
        headers: urlencoded,
      }),
      413,
    ],
    [
      "one field repeated 200,000 times",
      () => ({
        body: Buffer.from(Array.from({ length: 200_000 }, () => "competencyIds=pc-1").join("&")),
        headers: urlencoded,
      }),
      413,
    ],
    [
      "NUL characters in the text",
      () => ({ body: form({ ...good, title: "a\u0000b", whatHappened: "\u0000" }), headers: urlencoded }),
      400,
    ],
    [
      "multipart without a boundary",
      () => ({ body: Buffer.from("garbage"), headers: { "Content-Type": "multipart/form-data" } }),
      400,
    ],
    [
      "multipart cut off before its end",
      () => ({
        body: Buffer.from('--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc'),
        headers: { "Content-Type": "multipart/form-data; boundary=XX" },
      }),
      400,
    ],
    [
      "every field sent as a file",
      () => multipart(Object.entries(good).map(([name, value]) => ({ name, value, fileName: "field.txt" }))),
      400,
    ],
    [
      "a file name with bytes that are not UTF-8 and a hidden character",
      () =>
        multipart([
          ...Object.entries(good).map(([name, value]) => ({ name, value })),
          { name: "files", value: Buffer.from("%PDF-1.4\n%%EOF\n"), fileName: "\xff\u202e.pdf" },
        ]),
      400,
    ],
    [
      "a JSON body",
      () => ({ body: Buffer.from(JSON.stringify(good)), headers: { "Content-Type": "application/json" } }),
      415,
    ],
    ["plain text", () => ({ body: Buffer.from("hello"), headers: { "Content-Type": "text/plain" } }), 415],
    ["no content type", () => ({ body: Buffer.from("hello"), headers: {} }), 415],
  ];

  it.each(cases)("%s", async (_, make, expected) => {
    const { body, headers } = make();
    // On a kept-alive connection, as a browser posts: the server reads and drops the rest of a body it refused, so
    // the client reads the answer. A client that asks for the connection to close may instead find it closed while
    // it is still writing (EPIPE), as HTTP allows, and that raced with the answer here.
    const agent = new http.Agent({ keepAlive: true });
    const answer = await post(evidenceUrl, body, headers, agent).finally(() => agent.destroy());
    expect(answer.status).toBe(expected);
    if (expected === 400 && headers["Content-Type"] === urlencoded["Content-Type"])
      expect(answer.body).toContain("There is a problem");
  });

  it("refuses a multipart body of unknown length with 411, and one declared too large with 413, before reading it", async () => {
    const head = (extra: string) =>
      `POST ${evidenceUrl} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.baseUrl}\r\nCookie: ${cookie}\r\nContent-Type: multipart/form-data; boundary=B\r\n${extra}Connection: close\r\n\r\n`;
    expect(await raw(Buffer.from(head("Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n"))).toBe(
      "HTTP/1.1 411 Length Required",
    );
    expect(await raw(Buffer.from(head(`Content-Length: ${100 * 1024 * 1024}\r\n`) + "--B\r\n"))).toBe(
      "HTTP/1.1 413 Payload Too Large",
    );
  });

  it("answers a large post to a record this user may not see, again and again on one kept-alive connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Just under the server's 64 KB form limit, so the page itself answers.
    const big = Buffer.from(Array.from({ length: 3_300 }, () => "competencyIds=pc-1").join("&"));
    for (let i = 0; i < 3; i++) {
      expect((await post("/evidence/999999/edit", big, urlencoded, agent)).status).toBe(404);
      expect((await post("/people/999999/supervision", big, urlencoded, agent)).status).toBe(404);
    }
    agent.destroy();
  });

  it("lets a client finish sending a body it refused, so the 413 is read rather than a broken pipe", async () => {
    const socket = net.connect(Number(new URL(app.baseUrl).port), "127.0.0.1");
    let received = "";
    let broken: Error | null = null;
    socket.on("data", (d) => (received += d.toString("latin1")));
    socket.on("error", (error) => (broken = error));
    const size = 5_000_000;
    socket.write(
      `POST ${evidenceUrl} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${app.baseUrl}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
    );
    // The answer comes from the header alone; only then does the body follow, as from a slow client.
    await expect.poll(() => received, { timeout: 10_000 }).toContain("413 Payload Too Large");
    await new Promise<void>((resolve, reject) =>
      socket.write(Buffer.alloc(size, "a"), (error) => (error ? reject(error) : resolve())),
    );
    // The same connection then serves the next request.
    received = "";
    socket.write(`GET /sign-in HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    await expect.poll(() => received, { timeout: 10_000 }).toContain("HTTP/1.1 200 OK");
    socket.destroy();
    expect(broken).toBeNull();
  });

  it("still answers a normal request afterwards, and the evidence kept its text", async () => {
    const page = await fetch(`${app.baseUrl}${evidenceUrl.replace(/\/edit$/, "")}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Hostile test");
    expect(html).not.toContain("\u0000");
  });
});
