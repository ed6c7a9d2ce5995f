/**
 * Local renewal periods and the renewal forecast in the browser: a lead sets fire safety to renew every 12 months
 * for her PCN (after a refused attempt), the dashboard's forecast then lists who lapses and when, a member of
 * staff's training page shows the new expiry date, and removing the period puts everything back. Pages are axe
 * clean and do not scroll sideways at 320px.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const LEAD = "lead@riverside-pcn.example";
const FIRE = "Fire safety level 1";

const ctx = startAppAndBrowser();

const forecastRows = (page: Page) => page.getByTestId("renewal-forecast").locator("tbody tr").filter({ hasText: FIRE });

/** How many fire safety renewals the forecast table lists, over all its months. */
async function fireRenewals(page: Page): Promise<number> {
  const counts = await forecastRows(page).evaluateAll((rows) =>
    rows.map((row) => Number(row.querySelectorAll("td")[1]?.textContent)),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function noSidewaysScroll(page: Page) {
  const { width, viewport } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(width).toBeLessThanOrEqual(viewport);
}

describe("local renewal periods", () => {
  it("a lead shortens fire safety for her PCN; the forecast and expiry dates follow; removing it undoes that", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, "/dashboard");
    await lead.getByRole("heading", { name: "Renewals due in the next 12 months" }).waitFor();
    // Fire safety renews every 24 months and most demo staff did it within the last year.
    const before = await fireRenewals(lead);
    // The lead's dashboard, forecast included, is scanned by axe in readiness.test.ts (not again here: it is large).

    await lead.getByRole("link", { name: /local renewal periods/ }).click();
    await lead.getByRole("heading", { name: "Local renewal periods" }).waitFor();
    await expectNoAxeViolations(lead);

    // Nothing chosen or typed: every field is named in the error summary, linked to it, and nothing is saved.
    await lead.getByRole("button", { name: "Save local period" }).click();
    await lead.getByRole("link", { name: "Select the training" }).waitFor();
    await lead.getByRole("link", { name: "Enter how often the training must be renewed, in months" }).click();
    await expect(lead.evaluate(() => document.activeElement?.id)).resolves.toBe("renewalMonths");
    await lead.getByRole("link", { name: "Enter why your PCN renews this training on its own period" }).waitFor();
    await expectNoAxeViolations(lead);

    await lead.getByLabel("Training", { exact: true }).selectOption({ label: `${FIRE} (now every 24 months)` });
    await lead.getByLabel("Renew every (months)").fill("12");
    await lead.getByLabel("Why your PCN uses this period").fill("The ICS fire officer asks for yearly updates");
    await lead.getByRole("button", { name: "Save local period" }).click();
    await lead.getByText(`Local period saved: ${FIRE} now renews every 12 months in your PCN`).waitFor();
    const row = lead.getByTestId("local-periods").locator("tr").filter({ hasText: FIRE });
    await expect(row.textContent()).resolves.toContain("Every 12 months: The ICS fire officer asks for yearly updates");
    await expectNoAxeViolations(lead);

    // Completed within the last year, every 12 months: each lapses within the next 12 months, named with the date.
    await lead.goto(`${ctx.app.baseUrl}/dashboard`);
    expect(await fireRenewals(lead)).toBeGreaterThan(before);
    // The last person listed: one whose fire safety lapses only because of the local period.
    const firstLink = forecastRows(lead).last().getByRole("link").last();
    const name = await firstLink.textContent();
    const cell = await firstLink.locator("xpath=..").textContent();
    const expiry = cell!.slice(cell!.indexOf(",") + 2).trim();
    expect(expiry).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);

    // That person's training page gives the same expiry date for fire safety.
    await firstLink.click();
    await lead.getByRole("heading", { name: "Training" }).first().waitFor();
    const fireRows = lead.getByRole("table", { name: "Required training" }).locator("tr").filter({ hasText: FIRE });
    await fireRows.filter({ hasText: expiry }).first().waitFor();
    expect(name).toBeTruthy();

    await lead.goto(`${ctx.app.baseUrl}/dashboard/periods`);
    await lead.getByRole("button", { name: `Remove the local period for ${FIRE}` }).click();
    await lead.getByText(`Local period removed: ${FIRE} now renews every 24 months`).waitFor();
    await lead.goto(`${ctx.app.baseUrl}/dashboard`);
    expect(await fireRenewals(lead)).toBe(before);

    // The audit trail says who did it, in words.
    await lead.goto(`${ctx.app.baseUrl}/audit`);
    await lead
      .getByText(/set a local renewal period for training/)
      .first()
      .waitFor();
    await lead
      .getByText(/removed a local renewal period for training/)
      .first()
      .waitFor();
    await lead.context().close();
  });

  it("the periods page and the dashboard's forecast do not scroll sideways at 320px", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, "/dashboard/periods", {
      viewport: { width: 320, height: 640 },
    });
    await noSidewaysScroll(page);
    await page.goto(`${ctx.app.baseUrl}/dashboard`);
    await noSidewaysScroll(page);
    await page.context().close();
  });
});
