/**
 * The audit trail in words for actions that used to read as codes: a person downloading their personal data and the
 * routine purge, whose counts carry the same labels as the leaver purge page.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, signInOnce, startAppAndBrowser } from "./browser";

const DEMO_PASSWORD = "care-portfolio-demo";
// The server runs the routine purge as it starts, so the trail holds one.
const ctx = startAppAndBrowser({ PURGE_DAILY: "1" });

describe("audit trail words", () => {
  it("reads a personal data download and the routine purge as sentences, with labelled counts", async () => {
    const person = await newPage(ctx.browser);
    await signIn(person, ctx.app.baseUrl, "coordinator@riverside-pcn.example", DEMO_PASSWORD);
    await person.goto(ctx.app.baseUrl + "/account");
    const downloading = person.waitForEvent("download");
    await person.getByRole("link", { name: /Download all the personal data held about you/ }).click();
    await downloading;

    const admin = await newPage(ctx.browser);
    await signInOnce(admin, ctx.app.baseUrl, "admin@care-portfolio.example", DEMO_PASSWORD);
    await admin.goto(ctx.app.baseUrl + "/audit");
    await admin.getByLabel("Record type").selectOption({ label: "Person" });
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.getByText("Siân Williams downloaded their personal data").waitFor();

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
  });

  it("pages by Older and Newer entries, and refuses a page link that names no entry", async () => {
    const admin = await newPage(ctx.browser);
    await signInOnce(admin, ctx.app.baseUrl, "admin@care-portfolio.example", DEMO_PASSWORD);
    await admin.goto(ctx.app.baseUrl + "/audit");
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
