/**
 * Every link in the header menu opens for the person it is shown to, through the real server, which resolves the
 * signed-in user once per request. A lead not yet placed in a PCN is not shown pages they cannot open.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { expectNoAxeViolations, newPage, signInOnce, startAppAndBrowser, untilHydrated } from "./browser";

const PASSWORD = "care-portfolio-demo";
const ctx = startAppAndBrowser();

async function menuLinks(page: Page): Promise<{ label: string; href: string }[]> {
  return page
    .getByRole("navigation", { name: "Menu" })
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((a) => ({ label: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })),
    );
}

/** Opens each menu link as a fresh page load and expects the page, not "Page not found". */
async function expectEveryLinkOpens(page: Page) {
  // Let the page that signing in landed on finish loading, so the first link's load does not cut it short.
  await untilHydrated(page);
  const links = await menuLinks(page);
  expect(links.length).toBeGreaterThan(1);
  for (const { label, href } of links) {
    const response = await page.goto(ctx.app.baseUrl + href);
    const heading = await page.getByRole("heading", { level: 1 }).first().textContent();
    expect([label, response?.status(), heading]).toEqual([label, 200, expect.not.stringMatching(/not found|access/i)]);
  }
  return links.map((l) => l.label);
}

describe("the header menu", () => {
  it.each([
    ["admin@care-portfolio.example", ["Home", "Dashboard", "People", "Audit trail", "PCNs"]],
    ["lead@riverside-pcn.example", ["Home", "Dashboard", "People", "Audit trail"]],
    ["supervisor@riverside-pcn.example", ["Home", "Review"]],
    ["coordinator@riverside-pcn.example", ["Home", "Evidence", "Training", "CPD", "Supervision", "Development"]],
  ])("every link shown to %s opens", async (email, labels) => {
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, email, PASSWORD);
    expect(await expectEveryLinkOpens(page)).toEqual(labels);
    await page.close();
  });

  it("leads a line manager with no supervisor or lead role to the appraisals they record", async () => {
    const db = createDb(ctx.app.env.DATABASE_PATH);
    const pcn = await makePcn(db);
    const report = await makePerson(db, { pcnId: pcn.id, name: "Nia Roberts", email: "nia.roberts@test.example" });
    const manager = await makePerson(db, { pcnId: pcn.id, email: "line.manager@test.example", password: PASSWORD });
    await makeArrangement(db, report, manager.id, "line-manager");
    await db.destroy();
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, manager.email, PASSWORD);
    const labels = ["Home", "Evidence", "Training", "CPD", "Supervision", "Development", "Appraisals"];
    expect(await expectEveryLinkOpens(page)).toEqual(labels);
    await page.goto(ctx.app.baseUrl + "/");
    await untilHydrated(page);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Appraisals" }).click();
    await page.getByRole("heading", { name: "Appraisals", level: 1 }).waitFor();
    // The app's links navigate within the page, as Remix's do, and focus moves to the new page's heading.
    await expect(page.evaluate(() => "sameDocument" in window)).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("H1");
    await expectNoAxeViolations(page);
    await page.getByTestId("appraisees").getByRole("link", { name: "Nia Roberts" }).click();
    await page.getByRole("heading", { name: "Nia Roberts's appraisals" }).waitFor();
    await page.getByRole("link", { name: "Record an appraisal" }).waitFor();
    await page.close();
  });

  it("shows a lead not yet placed in a PCN only the pages they can open", async () => {
    const db = createDb(ctx.app.env.DATABASE_PATH);
    const lead = await makePerson(db, {
      pcnId: null,
      roles: ["lead"],
      jobRole: null,
      email: "new.lead@test.example",
      password: PASSWORD,
    });
    await db.destroy();
    const page = await newPage(ctx.browser);
    await signInOnce(page, ctx.app.baseUrl, lead.email, PASSWORD);
    expect(await expectEveryLinkOpens(page)).toEqual(["Home", "People"]);
    await page.goto(ctx.app.baseUrl + "/");
    await expect(page.getByRole("link", { name: "Training compliance and readiness dashboard" }).count()).resolves.toBe(
      0,
    );
    await expect(page.getByRole("link", { name: "People", exact: true }).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.close();
  });
});
