/**
 * Training imports and team sessions in the browser: a lead imports an ESR export, reads the preview (new and
 * rejected rows, each with its reason), applies it, and the dashboard's compliance table changes; a broken file is
 * refused with an error linked to the file field. Then the lead records a team session for two people.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { expectNoAxeViolations, fillDate, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const LEAD = "lead@riverside-pcn.example";
const ZOE = "zoe.clarke@riverside-pcn.example";
const IG_TITLE = "Data security awareness (information governance) level 1";
const RESUSCITATION = "Resuscitation level 1 (adult basic life support)";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const ctx = startAppAndBrowser();

/** "2026-10-27" as ESR writes it: "27-Oct-2026". */
function esrDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
}

/** The number in the compliance table for one training and one state ("Valid", "Expired"...). */
async function complianceCount(page: Page, training: string, state: string): Promise<number> {
  const table = page.getByTestId("compliance-table");
  const headers = await table.locator("thead th").allTextContents();
  const row = table.locator("tbody tr", { has: page.getByRole("rowheader", { name: training, exact: true }) });
  return Number(await row.locator("th, td").nth(headers.indexOf(state)).textContent());
}

async function chooseFile(page: Page, name: string, text: string) {
  await page.getByLabel("Training file (CSV)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Check the file" }).click();
}

describe("importing training records", () => {
  it("a lead imports an ESR export, reads the preview, applies it, and the dashboard changes", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, "/dashboard");
    const expiredBefore = await complianceCount(lead, IG_TITLE, "Expired");
    const validBefore = await complianceCount(lead, IG_TITLE, "Valid");
    expect(expiredBefore).toBeGreaterThan(0);

    await lead.getByRole("link", { name: "Import training records from ESR or a spreadsheet" }).click();
    await lead.waitForURL(/\/dashboard\/import$/);
    await expectNoAxeViolations(lead);

    // A file that is not an ESR export or the template is refused, with the error linked to the file field.
    await chooseFile(lead, "staff.csv", "Name,Course\r\nZoë,Fire\r\n");
    await lead.getByRole("link", { name: /column headings are not ones this page reads/ }).click();
    await expect(lead.evaluate(() => document.activeElement?.id)).resolves.toBe("file");
    await expectNoAxeViolations(lead);

    const completed = esrDate(addCalendarDays(todayInLondon(new Date()), -30));
    const expires = esrDate(addCalendarDays(todayInLondon(new Date()), 335));
    await chooseFile(
      lead,
      "esr-compliance.csv",
      [
        "Employee Number,Email Address,Competency Name,Expiry Date,Date Start,Last Updated By",
        `,${ZOE},NHS|CSTF|Information Governance and Data Security - 1 Year|,${expires},${completed},ESR`,
        `,${ZOE},NHS|CSTF|Blood Transfusion - 3 Years|,${expires},${completed},ESR`,
        `,someone@elsewhere.example,NHS|CSTF|Fire Safety - 2 Years|,${expires},${completed},ESR`,
      ].join("\r\n"),
    );
    await lead.getByRole("heading", { name: "What esr-compliance.csv will do" }).waitFor();
    const counts = await lead.getByTestId("import-counts").locator("dd").allTextContents();
    expect(counts).toEqual(["1", "0", "2", "0"]);
    const preview = lead.getByTestId("import-preview");
    await expect(preview.getByText("New record, verified from ESR").isVisible()).resolves.toBe(true);
    await expect(preview.getByText(/not mapped to any of the app's training/).isVisible()).resolves.toBe(true);
    await expect(preview.getByText(/Nobody you can import training for/).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(lead);

    // Nothing has changed yet (looked at in another tab, keeping the preview open).
    const elsewhere = await lead.context().newPage();
    await elsewhere.goto(`${ctx.app.baseUrl}/dashboard`);
    await expect(complianceCount(elsewhere, IG_TITLE, "Expired")).resolves.toBe(expiredBefore);
    await elsewhere.close();
    await lead.getByRole("button", { name: "Import 1 record" }).click();
    await lead.waitForURL(/\/dashboard$/);
    await lead
      .getByText("Training imported from esr-compliance.csv: 1 new, 0 updated, 0 unchanged, 2 rejected")
      .waitFor();
    await expect(complianceCount(lead, IG_TITLE, "Expired")).resolves.toBe(expiredBefore - 1);
    await expect(complianceCount(lead, IG_TITLE, "Valid")).resolves.toBe(validBefore + 1);
  });

  it("a large export shows that it is being uploaded and checked, then its preview, then that it is being imported", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, "/dashboard/import");
    const today = todayInLondon(new Date());
    const completed = esrDate(addCalendarDays(today, -1));
    const expires = esrDate(addCalendarDays(today, 3 * 365));
    // A trust-wide export: 4,000 rows (under the 10,000-row and 5 MB limits), one of them for someone in this PCN.
    const elsewhere = Array.from(
      { length: 3999 },
      (_, i) => `,person.${i}@elsewhere.example,NHS|CSTF|Fire Safety - 2 Years|,${expires},${completed},ESR`,
    );
    const file = [
      "Employee Number,Email Address,Competency Name,Expiry Date,Date Start,Last Updated By",
      `,${ZOE},NHS|CSTF|Safeguarding Adults - Level 2 - 3 Years|,${expires},${completed},ESR`,
      ...elsewhere,
    ].join("\r\n");

    // Every state each status region shows, however briefly: the answer may come quickly. The page must be running
    // its scripts (a form posted without them shows no progress).
    await lead.waitForFunction(() => "__remixRouter" in window);
    await lead.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        for (const region of document.querySelectorAll('[role="status"]'))
          if (region.querySelector("progress")) seen.push(region.textContent ?? "");
      }).observe(document.body, { childList: true, subtree: true });
    });
    const progressSeen = () => lead.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

    await chooseFile(lead, "esr-large.csv", file);
    await lead.getByRole("heading", { name: "What esr-large.csv will do" }).waitFor();
    await expect(progressSeen()).resolves.toContain("Uploading and checking the file");
    await expect(lead.getByTestId("import-progress-status").textContent()).resolves.toBe("");
    const counts = (await lead.getByTestId("import-counts").locator("dd").allTextContents()).map(Number);
    expect(counts[0]! + counts[1]!).toBe(1);
    expect(counts[2]).toBe(3999);
    await expect(lead.getByTestId("import-preview").locator("tbody tr").count()).resolves.toBe(4000);

    await lead.getByRole("button", { name: "Import 1 record" }).click();
    await lead.waitForURL(/\/dashboard$/);
    await expect(progressSeen()).resolves.toContain("Importing the records");
    await lead.getByText(/Training imported from esr-large\.csv: .* 3999 rejected/).waitFor();
  });

  it("a lead records a team training session for two people and the dashboard counts them", async () => {
    const lead = await signedInPage(ctx.browser, ctx.app.baseUrl, LEAD, "/dashboard");
    // Mohammed Ali's resuscitation training is expiring soon in the demo data; the session renews it.
    const expiringBefore = await complianceCount(lead, RESUSCITATION, "Expiring soon");
    expect(expiringBefore).toBeGreaterThan(0);
    await lead.getByRole("link", { name: "Record a team training session" }).click();
    await lead.waitForURL(/\/dashboard\/record-session$/);
    await expectNoAxeViolations(lead);

    await lead.getByRole("button", { name: "Record the session" }).click();
    await lead.getByRole("link", { name: "Select everyone who attended" }).waitFor();
    await expectNoAxeViolations(lead);

    await lead.getByLabel("Training", { exact: true }).selectOption({ label: RESUSCITATION });
    await fillDate(lead, "Date of the session", todayInLondon(new Date()));
    await lead.getByLabel("Mohammed Ali").check();
    await lead.getByLabel("Zoë Clarke").check();
    await lead.getByRole("button", { name: "Record the session" }).click();
    await lead.getByText(`${RESUSCITATION} recorded for 2 people`).waitFor();
    await expect(complianceCount(lead, RESUSCITATION, "Expiring soon")).resolves.toBe(expiringBefore - 1);
  });
});
