/**
 * Development pathways in the browser: a care coordinator opens Development from the header, sees what a route asks
 * for and what is missing, adds the missing pieces to their plan in one step, and sees the goals there. Axe clean,
 * and no sideways scrolling at 375 px.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const ROUTE = "Specialist care coordinator: cancer";
const ctx = startAppAndBrowser();

async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The first cell (the competency or training) of each row of the route's table whose status reads `status`. */
async function piecesWithStatus(page: Page, status: string): Promise<string[]> {
  return page
    .getByTestId("pathway-pieces")
    .locator("tbody tr")
    .evaluateAll(
      (rows, wanted) =>
        rows
          .filter((row) => row.querySelector("td:last-child")?.textContent?.trim() === wanted)
          .map((row) => row.querySelector("td")?.textContent?.trim() ?? ""),
      status,
    );
}

describe("development pathways", () => {
  it("a coordinator sees a route's gaps and adds them to their plan in one step", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "coordinator@riverside-pcn.example");
    await page
      .getByRole("navigation", { name: "Menu" })
      .getByRole("link", { name: "Development", exact: true })
      .click();
    await page.getByRole("heading", { name: "My development", level: 1 }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByTestId("development-hub").getByRole("link", { name: "Development pathways" }).click();
    await page.getByRole("heading", { name: "Development pathways", level: 1 }).waitFor();
    await expect(page.getByTestId("pathways").textContent()).resolves.toContain("Route into the role");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);

    await page.getByRole("link", { name: ROUTE }).click();
    await page.getByRole("heading", { name: ROUTE, level: 1 }).waitFor();
    const routeUrl = page.url();
    await page.getByText("set locally by your PCN", { exact: false }).waitFor();
    const missing = await piecesWithStatus(page, "Missing");
    // No rating of the demo coordinator is confirmed yet, so at least the route's competencies are missing.
    expect(missing.length).toBeGreaterThanOrEqual(4);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);

    // A target date in the past is refused with the error linked to the field, and nothing is added.
    await fillDate(page, "Target date for the new goals", "2020-01-01");
    await page.getByRole("button", { name: "Add the missing pieces to my plan" }).click();
    await page
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: /^The target date must be on or after/ })
      .waitFor();
    await expectNoAxeViolations(page);

    await fillDate(page, "Target date for the new goals", await suggestedDate(page));
    await page.getByRole("button", { name: "Add the missing pieces to my plan" }).click();
    await page.getByText(`${missing.length} goals added to the`, { exact: false }).waitFor();
    await page.getByRole("heading", { name: "My development plan", level: 1 }).waitFor();
    const plan = (await page.getByTestId("goals").textContent()) ?? "";
    for (const piece of missing) expect(plan).toContain(piece);
    await expectNoAxeViolations(page);

    // Back on the route, every missing piece is now in the plan and the button has gone.
    await page.goto(routeUrl);
    await expect(piecesWithStatus(page, "Missing")).resolves.toEqual([]);
    await expect(piecesWithStatus(page, "In the plan")).resolves.toEqual(missing);
    await expect(page.getByRole("button", { name: "Add the missing pieces to my plan" }).count()).resolves.toBe(0);
    await page.context().close();
  });
});

/** Six months from today in England, as "YYYY-MM-DD": the date the form suggests. */
async function suggestedDate(page: Page): Promise<string> {
  return page.evaluate(() => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const date = new Date(`${today}T12:00:00Z`);
    date.setUTCMonth(date.getUTCMonth() + 6);
    return date.toISOString().slice(0, 10);
  });
}
