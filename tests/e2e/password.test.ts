import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, signIn, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";
import { signOut } from "./totp";

const DEMO_PASSWORD = "care-portfolio-demo";
const ctx = startAppAndBrowser();

describe("changing my password in the browser", () => {
  it("refuses one built from my PCN's name, saying why; takes a strong one; then limits wrong current passwords", async () => {
    const email = "supervisor@riverside-pcn.example";
    const page = await signedInPage(ctx.browser, ctx.app.baseUrl, email, "/account");
    const change = async (current: string, next: string) => {
      await page.getByLabel("Current password", { exact: true }).fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("Type the new password again").fill(next);
      // Wait for the answer, as each refusal reads the same as the one before it.
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: "Change password" }).click();
      await answered;
    };

    await change(DEMO_PASSWORD, "Riverside-Health-2026");
    await page.locator(".nhsuk-error-summary a[href='#password']").waitFor();
    await expect(page.locator("#password-error").textContent()).resolves.toContain(
      "This password would be easy to guess. It uses your name, your email address, your PCN's name or the name of this service.",
    );
    await expectNoAxeViolations(page);

    await change(DEMO_PASSWORD, "copper lantern drifts seaward");
    await expect(page.locator("[data-confirmation]").textContent()).resolves.toContain(
      "Your password has been changed",
    );
    await signOut(page);
    await signIn(page, ctx.app.baseUrl, email, "copper lantern drifts seaward");

    await page.goto(ctx.app.baseUrl + "/account");
    for (let i = 0; i < 5; i++) {
      await change(`not my password ${i}`, "another strong passphrase here");
      await page.locator("#current-error", { hasText: "Your password is not correct" }).waitFor();
    }
    await change("copper lantern drifts seaward", "another strong passphrase here");
    await page
      .locator("#current-error", {
        hasText: /Too many wrong passwords\. Try again in 15 minutes \(at \d{1,2}:\d\d[ap]m\)\./,
      })
      .waitFor();
  });
});
