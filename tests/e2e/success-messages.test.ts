/**
 * One success pattern: a post redirects, and the page it lands on says what happened in an NHS success banner,
 * once. Reloading that page sends no second post and shows no second message, with or without JavaScript.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { saveEvidenceDraft, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const ctx = startAppAndBrowser();

/** A draft saved through the add-evidence form by the coordinator, with or without JavaScript. */
async function coordinatorWithDraft(title: string, javaScriptEnabled: boolean): Promise<Page> {
  const page = await signedInPage(ctx.browser, ctx.app.baseUrl, "coordinator@riverside-pcn.example", "/evidence/new", {
    javaScriptEnabled,
  });
  await saveEvidenceDraft(page, title, "com-4");
  await page.getByRole("button", { name: "Submit for review" }).waitFor();
  return page;
}

const banner = (page: Page) => page.getByRole("alert").filter({ hasText: "Success" });
const submissions = (page: Page) => page.locator("main li", { hasText: /submitted version 1$/ });

describe("after a successful post", () => {
  it("shows the success banner once, with focus on it; reloading does not post again", async () => {
    const page = await coordinatorWithDraft("Banner once, with JavaScript", true);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await banner(page).waitFor();
    await expect(banner(page).textContent()).resolves.toContain("Submitted for review");
    await page.waitForFunction(() => document.activeElement?.matches("[data-confirmation]") ?? false);
    expect(new URL(page.url()).search).toBe("");
    // This page with this banner is scanned in evidence.test.ts.
    await expect(submissions(page).count()).resolves.toBe(1);

    await page.reload();
    await page.getByRole("heading", { name: "Banner once, with JavaScript" }).waitFor();
    await expect(banner(page).count()).resolves.toBe(0);
    await expect(page.locator(".nhsuk-error-summary").count()).resolves.toBe(0);
    await expect(submissions(page).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("works the same without JavaScript: the post answers with a redirect, not a page to post again", async () => {
    const page = await coordinatorWithDraft("Banner once, without JavaScript", false);
    const posted = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Submit for review" }).click();
    expect((await posted).status()).toBe(302);
    await banner(page).waitFor();
    await expect(banner(page).textContent()).resolves.toContain("Submitted for review");

    await page.reload();
    await page.getByRole("heading", { name: "Banner once, without JavaScript" }).waitFor();
    await expect(banner(page).count()).resolves.toBe(0);
    await expect(submissions(page).count()).resolves.toBe(1);
    await page.context().close();
  });
});
