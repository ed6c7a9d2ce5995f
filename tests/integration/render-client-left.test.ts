/**
 * A page whose reader leaves part way (a closed tab; the bench's load runs end with requests in flight) is not a
 * server fault: React aborts the rest of the render with "The destination stream closed early", and that must not
 * fill the error log. A part of the page that fails while the reader is still there is still logged.
 */
import type { AppLoadContext } from "@remix-run/node";
import { Suspense, createElement, type ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderPage } from "~/entry.server";

/** A part of the page waiting for data: for ever, or until it fails. */
function slowPart(fails: boolean) {
  let failed = false;
  const data = new Promise<never>((_resolve, reject) => {
    if (fails) setTimeout(() => reject(new Error("data failed")), 20);
  }).catch(() => {
    failed = true;
  });
  function Slow(): never {
    if (failed) throw new Error("The slow part failed");
    throw data;
  }
  // The shell (the heading) is ready at once, so the page starts streaming before the slow part settles.
  return createElement(
    "main",
    null,
    createElement("h1", null, "Ready"),
    createElement(Suspense, { fallback: "…" }, createElement(Slow)),
  );
}

function render(page: ReactElement, signal: AbortSignal) {
  return renderPage(page, {
    request: new Request("http://127.0.0.1/dashboard", { signal }),
    status: 200,
    headers: new Headers(),
    loadContext: { requestId: "req-client-left", routeId: "routes/dashboard" } as AppLoadContext,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a page streamed to a reader", () => {
  it("logs nothing when the reader leaves before the page is complete", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const client = new AbortController();
    const response = await render(slowPart(false), client.signal);
    expect(response.status).toBe(200);
    // What the server does when the socket closes (server/remix-handler.ts): abort the request, stop the body.
    client.abort();
    await response.body!.cancel();
    await pause(50);
    expect(logged).not.toHaveBeenCalled();
  });

  it("still logs a part of the page that fails while the reader is there", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await render(slowPart(true), new AbortController().signal);
    await response.text();
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(logged.mock.calls[0]![0]))).toMatchObject({
      requestId: "req-client-left",
      route: "/dashboard",
      message: "The slow part failed",
    });
  });
});
