/**
 * Personal data in the browser: a person downloads everything held about them from their account page, and an
 * administrator deletes a leaver's records from the person page, confirming first (ADR 0010).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloadedBytes, expectNoAxeViolations, newPage, signIn, startAppAndBrowser } from "./browser";

const DEMO_PASSWORD = "care-portfolio-demo";
// No retention period, so a person deactivated in the test may be purged at once.
const ctx = startAppAndBrowser({ RETAIN_LEAVERS_DAYS: "0" });

describe("personal data", () => {
  it("a person downloads everything held about them as an archive from their account page", async () => {
    const page = await newPage(ctx.browser);
    await signIn(page, ctx.app.baseUrl, "coordinator@riverside-pcn.example", DEMO_PASSWORD);
    await page.goto(ctx.app.baseUrl + "/account");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /Download all the personal data held about you/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^personal-data-\d+-\d{4}-\d{2}-\d{2}\.tar$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sar-e2e-"));
    fs.writeFileSync(path.join(dir, "a.tar"), await downloadedBytes(download));
    execFileSync("tar", ["-xf", "a.tar"], { cwd: dir });
    const data = JSON.parse(fs.readFileSync(path.join(dir, "personal-data.json"), "utf8"));
    expect(data.person.email).toBe("coordinator@riverside-pcn.example");
    expect(data.evidence.length).toBeGreaterThan(0);
    for (const a of data.attachments) expect(fs.statSync(path.join(dir, a.archive_path)).size).toBe(a.size);
    fs.rmSync(dir, { recursive: true, force: true });
    await expectNoAxeViolations(page);
  });

  it("an administrator deletes a leaver's records after confirming, and sees what was deleted", async () => {
    const admin = await newPage(ctx.browser);
    await signIn(admin, ctx.app.baseUrl, "admin@care-portfolio.example", DEMO_PASSWORD);
    await admin.goto(ctx.app.baseUrl + "/people?q=Kowalski");
    await admin.getByRole("link", { name: "Daniel Kowalski" }).click();
    await admin.getByRole("heading", { name: "Daniel Kowalski" }).waitFor();
    const personUrl = admin.url();
    expect(await admin.getByRole("link", { name: "Delete their records" }).count()).toBe(0);
    await admin.getByRole("button", { name: "Deactivate account" }).click();
    await admin.getByRole("button", { name: "Yes, deactivate Daniel Kowalski" }).click();
    await admin.getByText("Account deactivated").waitFor();

    await admin.getByRole("link", { name: "Delete their records" }).click();
    await admin.getByRole("heading", { name: "Delete the records of Daniel Kowalski" }).waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole("button", { name: "Delete their records" }).click();
    await admin.locator(".nhsuk-error-summary a[href='#confirm']").waitFor();
    await expectNoAxeViolations(admin);
    await admin.locator(".nhsuk-error-summary a[href='#confirm']").click();
    await expect(admin.evaluate(() => document.activeElement?.id)).resolves.toBe("confirm");
    await admin.getByLabel("I understand the records of Daniel Kowalski will be deleted for good").check();
    await admin.getByRole("button", { name: "Delete their records" }).click();
    await admin.getByRole("heading", { name: "What was deleted" }).waitFor();
    await admin.getByText("The records of Daniel Kowalski have been deleted.").waitFor();
    const arrangements = admin
      .locator(".nhsuk-summary-list__row", { hasText: "Supervision and line management arrangements" })
      .locator("dd");
    expect(Number(await arrangements.textContent())).toBeGreaterThan(0);
    await expectNoAxeViolations(admin);

    const gone = await admin.goto(personUrl);
    expect(gone?.status()).toBe(404);
    await admin.goto(ctx.app.baseUrl + "/people?q=Kowalski&inactive=1");
    expect(await admin.getByRole("link", { name: "Daniel Kowalski" }).count()).toBe(0);
  });
});
