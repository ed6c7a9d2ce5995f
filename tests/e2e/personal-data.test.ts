/**
 * Personal data in the browser: a person downloads everything held about them from their account page, and an
 * administrator deletes a leaver's records from the person page, confirming first (ADR 0010). Then the audit trail
 * in words for actions that used to read as codes: that download and the routine purge, whose counts carry the same
 * labels as the leaver purge page.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloadedBytes, expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

// No retention period, so a person deactivated in the test may be purged at once; the server runs the routine purge
// as it starts, so the audit trail holds one.
const ctx = startAppAndBrowser({ RETAIN_LEAVERS_DAYS: "0", PURGE_DAILY: "1" });
const ADMIN = "admin@care-portfolio.example";

describe("personal data", () => {
  it("a person downloads everything held about them as an archive from their account page; the audit trail says so", async () => {
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "coordinator@riverside-pcn.example", "/account");
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
    await page.context().close();

    // The trail reads the download as a sentence (this was audit-words.test.ts, which made a download of its own).
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/audit");
    await admin.getByLabel("Record type").selectOption({ label: "Person" });
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.getByText("Siân Williams downloaded their personal data").waitFor();
    await admin.context().close();
  });

  it("an administrator deletes a leaver's records after confirming, and sees what was deleted", async () => {
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/people?q=Kowalski");
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

describe("audit trail words", () => {
  it("reads the routine purge as a sentence, with labelled counts", async () => {
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/audit");
    await admin.getByLabel("Record type").selectOption({ label: "Routine purge" });
    await admin.getByRole("button", { name: "Filter" }).click();
    const purge = admin.getByRole("row", {
      name: /The system deleted failed sign-ins, ended sessions and unlinked uploads older than their retention periods/,
    });
    await purge
      .first()
      .getByText(/Show \d+ details/)
      .click();
    const details = await purge.first().locator("dt").allTextContents();
    expect(details).toEqual(
      expect.arrayContaining(["Failed sign-in records", "Sessions", "Uploads not linked to any record"]),
    );
    await expectNoAxeViolations(admin);
    await admin.context().close();
  });

  it("pages by Older and Newer entries, and refuses a page link that names no entry", async () => {
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, ADMIN, "/audit");
    const firstRow = () => admin.locator("tbody tr").first().textContent();
    const newest = await firstRow();
    await admin.getByText(/^Showing entries from .+ to .+$/).waitFor();
    await admin.getByRole("link", { name: "Older entries" }).click();
    await admin.waitForURL(/older=\d+/);
    await expect.poll(firstRow).not.toBe(newest);
    await expectNoAxeViolations(admin);
    await admin.getByRole("link", { name: "Newer entries" }).click();
    await admin.waitForURL(/newer=\d+/);
    await expect.poll(firstRow).toBe(newest);
    await expect(admin.getByRole("link", { name: "Newer entries" }).count()).resolves.toBe(0);

    const refused = await admin.goto(ctx.app.baseUrl + "/audit?older=not-an-entry");
    expect(refused!.status()).toBe(400);
    await admin.getByRole("alert").getByText("This link to a page of the audit trail is not valid").waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole("link", { name: "Go to the newest entries" }).click();
    await expect.poll(firstRow).toBe(newest);
  });
});
