/**
 * One success pattern: a post redirects, and the page it lands on says what happened in an NHS success banner,
 * once. Reloading that page sends no second post and shows no second message, with or without JavaScript.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, fillDate, signIn, startAppAndBrowser } from "./browser";

const ctx = startAppAndBrowser();

async function coordinator(javaScriptEnabled: boolean): Promise<Page> {
  const context = await ctx.browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, ctx.app.baseUrl, "coordinator@riverside-pcn.example", "care-portfolio-demo");
  return page;
}

async function saveDraft(page: Page, title: string) {
  await page.goto(`${ctx.app.baseUrl}/evidence/new`);
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date of the activity", "2026-11-02");
  await page.getByLabel("Type of evidence").selectOption({ label: "Reflective account" });
  await page.getByLabel("What happened").fill("I helped a person plan their return home.");
  await page.getByLabel("What I learned").fill("Ask what matters first.");
  await page.getByLabel("What I will do differently").fill("Start with goals.");
  await page.locator('input[name=competencyIds][value="com-4"]').check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("button", { name: "Submit for review" }).waitFor();
}

const banner = (page: Page) => page.getByRole("alert").filter({ hasText: "Success" });
const submissions = (page: Page) => page.locator("main li", { hasText: /submitted version 1$/ });

describe("after a successful post", () => {
  it("shows the success banner once, with focus on it; reloading does not post again", async () => {
    const page = await coordinator(true);
    await saveDraft(page, "Banner once, with JavaScript");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await banner(page).waitFor();
    await expect(banner(page).textContent()).resolves.toContain("Submitted for review");
    await page.waitForFunction(() => document.activeElement?.matches("[data-confirmation]") ?? false);
    expect(new URL(page.url()).search).toBe("");
    await expectNoAxeViolations(page);
    await expect(submissions(page).count()).resolves.toBe(1);

    await page.reload();
    await page.getByRole("heading", { name: "Banner once, with JavaScript" }).waitFor();
    await expect(banner(page).count()).resolves.toBe(0);
    await expect(page.locator(".nhsuk-error-summary").count()).resolves.toBe(0);
    await expect(submissions(page).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("works the same without JavaScript: the post answers with a redirect, not a page to post again", async () => {
    const page = await coordinator(false);
    await saveDraft(page, "Banner once, without JavaScript");
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
