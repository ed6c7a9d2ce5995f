/**
 * The production server writes a page from React straight to the socket (pipeDocument in app/entry.server.tsx)
 * instead of reading the Response's body: the reader gets the same whole page, a slow reader holds React back, and
 * a reader who leaves stops the render without an error in the log.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AppLoadContext } from "@remix-run/node";
import { Suspense, createElement, type ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pipeDocument, renderPage } from "~/entry.server";

let server: http.Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A page whose shell is ready at once and whose `parts` more parts come `ms` later (never, if ms is null). */
function pageWithSlowPart(ms: number | null, text = "Late part", parts = 1) {
  let ready = false;
  const data = new Promise<void>((resolve) => {
    if (ms !== null)
      setTimeout(() => {
        ready = true;
        resolve();
      }, ms);
  });
  function Slow() {
    if (!ready) throw data;
    return createElement("p", null, text);
  }
  return createElement(
    "main",
    null,
    createElement("h1", null, "Ready"),
    Array.from({ length: parts }, (_, key) => createElement(Suspense, { key, fallback: "…" }, createElement(Slow))),
  );
}

/** Serves every request with `page` as the production server does; resolves with what each answer's pipe said. */
async function serve(page: () => ReactElement) {
  const served: { piped: boolean; closed: Promise<void>; res: http.ServerResponse }[] = [];
  server = http.createServer((req, res) => {
    const client = new AbortController();
    const closed = new Promise<void>((resolve) =>
      res.on("close", () => {
        if (!res.writableFinished) client.abort();
        resolve();
      }),
    );
    void renderPage(page(), {
      request: new Request(`http://127.0.0.1${req.url}`, { signal: client.signal }),
      status: 200,
      headers: new Headers(),
      loadContext: { requestId: "req-pipe", routeId: "routes/dashboard", pipesDocuments: true } as AppLoadContext,
    }).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      served.push({ piped: pipeDocument(response, res), closed, res });
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { served, port: (server.address() as AddressInfo).port };
}

const get = (port: number) =>
  new Promise<http.IncomingMessage>((resolve) => http.get({ port, host: "127.0.0.1", path: "/dashboard" }, resolve));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a page written straight to the socket", () => {
  it("arrives whole, the part that came later included, as HTML", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { served, port } = await serve(() => pageWithSlowPart(20));
    const response = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<h1>Ready</h1>");
    expect(html).toContain("Late part");
    expect(served[0]!.piped).toBe(true);
    expect(logged).not.toHaveBeenCalled();
  });

  it("is written only as fast as a slow reader takes it, not piled up in memory, and still arrives whole", async () => {
    // 8 MB in 128 parts, far more than loopback's socket buffers hold: React must wait for the reader between parts.
    const part = "x".repeat(64 * 1024);
    const { served, port } = await serve(() => pageWithSlowPart(0, part, 128));
    const response = await get(port);
    response.pause();
    await pause(300);
    // What the socket has not taken yet waits in memory: a few pieces, not the rest of the page.
    expect(served[0]!.res.writableLength).toBeLessThan(2 * 1024 * 1024);
    let bytes = 0;
    response.on("data", (chunk: Buffer) => (bytes += chunk.length));
    await new Promise((resolve) => response.on("end", resolve).resume());
    expect(bytes).toBeGreaterThan(128 * part.length);
  });

  it("stops, logging nothing, when the reader leaves before the page is complete", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { served, port } = await serve(() => pageWithSlowPart(null));
    const response = await get(port);
    const shell = await new Promise<string>((resolve) => response.once("data", (chunk: Buffer) => resolve(`${chunk}`)));
    expect(shell).toContain("<h1>Ready</h1>");
    response.destroy();
    await served[0]!.closed;
    await pause(50);
    expect(logged).not.toHaveBeenCalled();
  });

  it("is not used for an answer the page did not render", () => {
    const res = new http.ServerResponse(new http.IncomingMessage(null as never));
    expect(pipeDocument(new Response("made elsewhere"), res)).toBe(false);
  });
});
