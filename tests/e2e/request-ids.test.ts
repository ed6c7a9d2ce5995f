/**
 * No silent 500: every answer carries an X-Request-Id, and a request that fails is logged with that id and the route
 * it was for, and shows the id on the error page so the person who met it can quote it.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { personId, signedInPage } from "./flows";
import { exec, form, rawRequest, setCookies } from "./http";

const PASSWORD = "care-portfolio-demo";
const COORDINATOR = "coordinator@riverside-pcn.example";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ctx = startAppAndBrowser();

/** Runs `body` while the CPD table is away, so the CPD page's loader fails as a real fault would. */
async function withCpdBroken<T>(body: () => Promise<T>): Promise<T> {
  exec(ctx.app, "alter table cpd_entries rename to cpd_entries_away");
  try {
    return await body();
  } finally {
    exec(ctx.app, "alter table cpd_entries_away rename to cpd_entries");
  }
}

/** The error lines logged since `from` in the server's output. */
const errorLines = (from: number) =>
  ctx.app
    .output()
    .slice(from)
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function coordinatorSession() {
  const res = await rawRequest(ctx.app.baseUrl, {
    method: "POST",
    path: "/sign-in",
    headers: { Origin: ctx.app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: form({ email: COORDINATOR, password: PASSWORD, redirectTo: "/" }),
  });
  const cookie = setCookies(res)
    .find((c) => c.startsWith("cp_session="))!
    .split(";")[0]!;
  return { cookie, personId: String(personId(ctx.app, COORDINATOR)) };
}

describe("request ids", () => {
  it("name every answer, each one different", async () => {
    const [a, b] = [
      await rawRequest(ctx.app.baseUrl, { path: "/sign-in" }),
      await rawRequest(ctx.app.baseUrl, { path: "/nowhere" }),
    ];
    expect(a.headers["x-request-id"]).toMatch(UUID);
    expect(b.status).toBe(404);
    expect(b.headers["x-request-id"]).toMatch(UUID);
    expect(a.headers["x-request-id"]).not.toBe(b.headers["x-request-id"]);
  });

  it("a failing page is logged with its route and request id, and its error page shows the same id", async () => {
    const { cookie, personId } = await coordinatorSession();
    const before = ctx.app.output().length;
    const res = await withCpdBroken(() =>
      rawRequest(ctx.app.baseUrl, { path: `/people/${personId}/cpd`, headers: { Cookie: cookie } }),
    );
    expect(res.status).toBe(500);
    const id = res.headers["x-request-id"] as string;
    expect(id).toMatch(UUID);
    expect(res.body).toContain(`quote this reference: <span id="request-id">${id}</span>`);
    await new Promise((r) => setTimeout(r, 200));
    expect(errorLines(before)).toEqual([
      expect.objectContaining({
        requestId: id,
        routeId: "routes/people.$personId.cpd._index",
        route: `/people/${personId}/cpd`,
        level: "error",
      }),
    ]);
  });

  it("a failing data request (a navigation in the browser) is logged with its route and id too", async () => {
    const { cookie, personId } = await coordinatorSession();
    const before = ctx.app.output().length;
    const res = await withCpdBroken(() =>
      rawRequest(ctx.app.baseUrl, {
        path: `/people/${personId}/cpd.data?_routes=routes%2Fpeople.%24personId.cpd._index`,
        headers: { Cookie: cookie },
      }),
    );
    const id = res.headers["x-request-id"] as string;
    expect(id).toMatch(UUID);
    await new Promise((r) => setTimeout(r, 200));
    expect(errorLines(before)).toEqual([
      expect.objectContaining({ requestId: id, routeId: "routes/people.$personId.cpd._index" }),
    ]);
  });

  // The one axe check of this error page (deployment.test.ts's was the same page, and is gone).
  it("the reference on the error page survives the page coming to life in the browser, and passes axe", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, COORDINATOR, null);
    await withCpdBroken(async () => {
      const response = await page.goto(`${ctx.app.baseUrl}/people/${personId(ctx.app, COORDINATOR)}/cpd`);
      await page.getByRole("heading", { name: "Sorry, there is a problem with the service" }).waitFor();
      await page.waitForLoadState("networkidle");
      const id = await response!.headerValue("x-request-id");
      await expect(page.locator("#request-id").textContent()).resolves.toBe(id);
      await expectNoAxeViolations(page);
    });
    await page.context().close();
  });
});
