/**
 * The render limit in app/entry.server.tsx: a page whose shell is not ready in time answers 503 with a page saying
 * to try again and the request's reference, and the error log gets one line naming the route and request id. The
 * limit is forced short here; the server's is 5 s.
 */
import type { AppLoadContext } from "@remix-run/node";
import { createElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderPage } from "~/entry.server";

/** A page part that waits for data that never comes: its shell is never ready. */
function NeverReady(): never {
  throw new Promise(() => {});
}

const context = { requestId: "req-render-limit", routeId: "routes/dashboard" } as AppLoadContext;
const render = (page: Parameters<typeof renderPage>[0], limitMs: number) =>
  renderPage(
    page,
    {
      request: new Request("http://127.0.0.1/dashboard?search=Private%20Name"),
      status: 200,
      headers: new Headers(),
      loadContext: context,
    },
    limitMs,
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the render limit", () => {
  it("answers a page not ready in time with 503, Retry-After and the request's reference, and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await render(createElement(NeverReady), 50);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("30");
    const page = await response.text();
    expect(page).toContain("Sorry, the service is busy");
    expect(page).toContain("req-render-limit");
    expect(logged).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(logged.mock.calls[0]![0])) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: "error",
      requestId: "req-render-limit",
      method: "GET",
      route: "/dashboard",
      routeId: "routes/dashboard",
      message: "The page took longer than 0.05 s to render",
    });
    // The path only: what was typed into a search stays out of the log.
    expect(String(logged.mock.calls[0]![0])).not.toContain("Private");
  });

  it("streams a page that is ready in time as usual", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await render(createElement("p", null, "Ready"), 5_000);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<p>Ready</p>");
    expect(logged).not.toHaveBeenCalled();
  });
});
