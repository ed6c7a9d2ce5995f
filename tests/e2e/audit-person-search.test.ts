/**
 * The audit trail's person filter in a deployment of more people than a list can hold: a text field, a choice when
 * several names match, an error linked to the field when none does.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";
import { exec } from "./http";

const ctx = startAppAndBrowser();

describe("audit trail person search", () => {
  it("finds a person by name, offers namesakes to choose from, and refuses a name nobody has", async () => {
    // A thousand more people than the demo has: past what the person list can hold.
    exec(
      ctx.app,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
       INSERT INTO users (pcn_id, name, email, email_key, active, totp_enabled, email_notices, created_at, updated_at)
       SELECT NULL, 'Pat Example ' || substr('000' || i, -4), 'pat.example.' || i || '@test.example',
         'pat.example.' || i || '@test.example', 1, 0, 1, '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z'
       FROM n`,
    );
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, "admin@care-portfolio.example", "/audit");
    const person = admin.getByRole("textbox", { name: "Person" });

    await person.fill("siân williams");
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.waitForURL(/personName=/);
    // The address changes as the navigation ends; the page's new data renders just after it.
    await expect.poll(() => person.inputValue()).toBe("Siân Williams");
    const sentences = await admin.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(sentence).toContain("Siân Williams");
    // The filtered trail is scanned in personal-data.test.ts; the choice and the refusal below are this file's own.

    await person.fill("Pat Example 000");
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.getByRole("heading", { name: "Choose a person" }).waitFor();
    await admin.getByText(`9 people's names contain "Pat Example 000".`).waitFor();
    await expect(admin.locator("tbody tr").count()).resolves.toBe(0);
    await expectNoAxeViolations(admin);
    await admin.getByRole("link", { name: "Pat Example 0003" }).click();
    await admin.waitForURL(/person=\d+/);
    await expect.poll(() => person.inputValue()).toBe("Pat Example 0003");
    await admin.getByText("0 entries").waitFor();

    await person.fill("Nobody Here");
    await admin.getByRole("button", { name: "Filter" }).click();
    const summary = admin.locator(".nhsuk-error-summary");
    await summary.waitFor();
    const message = `Nobody's name contains "Nobody Here": check the spelling, or enter less of it`;
    await expect(summary.locator("a[href='#personName']").textContent()).resolves.toBe(message);
    await expect(admin.locator("#personName-error").textContent()).resolves.toContain(message);
    await summary.locator("a[href='#personName']").click();
    await expect(admin.evaluate(() => document.activeElement?.id)).resolves.toBe("personName");
    await expectNoAxeViolations(admin);
  });
});
