import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readPdf } from "../fixtures/pdf/extract";
import { downloadedBytes, expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { personId, signedInPage } from "./flows";

const COORDINATOR = "coordinator@riverside-pcn.example";

const ctx = startAppAndBrowser();

/** The coordinator's export page, signed in as them, with JavaScript unless told otherwise. */
async function exportPage(javaScriptEnabled = true): Promise<Page> {
  const path = `/people/${personId(ctx.app, COORDINATOR)}/export`;
  return signedInPage(ctx.browser, ctx.app.baseUrl, COORDINATOR, path, { javaScriptEnabled });
}

async function expectValidPdf(download: Download) {
  const bytes = await downloadedBytes(download);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const pdf = await readPdf(bytes);
  expect(pdf.pageCount).toBeGreaterThanOrEqual(1);
  expect(pdf.pages[0]).toContain("Siân Williams");
  expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pageCount} of ${pdf.pageCount}`);
}

describe("exporting a portfolio", () => {
  it("says it is preparing the PDF, then downloads a valid one named after the person and year", async () => {
    const page = await exportPage();
    await expectNoAxeViolations(page);

    // Hold the PDF back until the page has shown its progress message.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/export.pdf?*", async (route) => {
      await held;
      await route.continue();
    });
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PDF" }).click();
    await page.getByRole("status").getByText("Preparing your PDF…").waitFor();
    release();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^portfolio-sian-williams-\d{4}-\d{2}\.pdf$/);
    await expectValidPdf(download);
    await page.getByRole("status").getByText(`Your PDF has downloaded: ${download.suggestedFilename()}`).waitFor();
    await page.context().close();
  });

  it("offers appraisal years as a choice, and refuses a tampered one next to the field, with no download", async () => {
    const page = await exportPage();
    const choices = await page.getByLabel("Appraisal year").locator("option").allTextContents();
    expect(choices).toHaveLength(6);
    expect(choices[0]).toMatch(/^\d{4}\/\d{2} \(this year\)$/);
    // A value the list does not offer, as a tampered form would send.
    await page
      .getByLabel("Appraisal year")
      .evaluate((select: HTMLSelectElement) => select.add(new Option("2026/28", "2026/28", true, true)));
    let downloads = 0;
    page.on("download", () => downloads++);
    await page.getByRole("button", { name: "Download PDF" }).click();
    await page
      .getByRole("alert")
      .getByRole("link", { name: /^Enter an appraisal year like \d{4}\/\d{2}$/ })
      .waitFor();
    await expect(page.locator("#period-error").textContent()).resolves.toMatch(/Enter an appraisal year like/);
    // The error summary takes focus, as after a post, so the reader hears what to fix.
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe("nhsuk-error-summary");
    await expectNoAxeViolations(page);
    expect(downloads).toBe(0);
    await page.context().close();
  });

  it("still downloads without JavaScript", async () => {
    const page = await exportPage(false);
    await page.getByLabel("Appraisal year").selectOption("2025/26");
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PDF" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("portfolio-sian-williams-2025-26.pdf");
    await expectValidPdf(download);
    await page.context().close();
  });
});
