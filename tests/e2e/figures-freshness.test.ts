/**
 * The dashboard's notice while its figures are brought up to date, in the browser. Past the in-request bound (none
 * here), the administrator's dashboard answers at once from the stored figures under a warning callout that says
 * so, with nothing axe objects to; the background run then catches up, and the page shows no notice. An export
 * asked for meanwhile answers with a page saying to try again, not a file of last period's figures.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";
import { exec } from "./http";
import { FIGURES_UPDATING_MESSAGE } from "~/components/busy-page";

const ctx = startAppAndBrowser({ ROLLUP_REFRESH_IN_REQUEST: "0" });
const NOTICE = "These figures are being brought up to date";

describe("the dashboard while its figures are brought up to date", () => {
  it("says so in a warning callout, passes axe, and shows the notice no more once they are", async () => {
    // As the first morning of a new appraisal year finds them: every stored standing out of date.
    exec(ctx.app, "UPDATE person_standings SET stale_on = '2000-01-01'");
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "admin@care-portfolio.example", "/dashboard");
    const callout = page.locator(".nhsuk-warning-callout", { hasText: NOTICE });
    await expect(callout.isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: `Important: ${NOTICE}` }).isVisible()).resolves.toBe(true);
    await expect(callout.textContent()).resolves.toContain("Reload this page in a few minutes");
    await expectNoAxeViolations(page);

    // The request started the catch-up; a reload once it has run shows the figures without the notice.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText(NOTICE).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(0);
    await page.context().close();
  });

  it("an export asked for meanwhile is a page saying to try again in a minute, with nothing axe objects to", async () => {
    exec(ctx.app, "UPDATE person_standings SET stale_on = '2000-01-01'");
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "admin@care-portfolio.example", null);
    const answer = await page.goto(`${ctx.app.baseUrl}/dashboard.csv`);
    expect(answer?.status()).toBe(503);
    await expect(page.getByRole("heading", { name: "Sorry, the service is busy" }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(FIGURES_UPDATING_MESSAGE).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
