import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, startAppAndBrowser } from "./browser";
import { codeAfter, enterCode, signInToCodePage, signOut, turnOnTwoStep } from "./totp";

const DEMO_PASSWORD = "care-portfolio-demo";
const ctx = startAppAndBrowser({ REQUIRE_TOTP_FOR: "admin,lead" });

describe("a deployment that requires two-step sign-in for admins and leads", () => {
  it("a lead's first sign-in goes to set-up and nowhere else; once set up, signing in with a code works", async () => {
    const email = "lead@riverside-pcn.example";
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/account\/two-factor$/);
    await expect(page.locator(".nhsuk-lede-text").textContent()).resolves.toBe(
      "Your role needs two-step sign-in before you can continue.",
    );
    await expectNoAxeViolations(page);
    await page.goto(ctx.app.baseUrl + "/people");
    await page.waitForURL(/\/account\/two-factor$/);

    const { secret, step } = await turnOnTwoStep(page);
    await page.getByRole("link", { name: "Continue" }).click();
    await page.goto(ctx.app.baseUrl + "/people");
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await signOut(page);

    await signInToCodePage(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await enterCode(page, codeAfter(secret, step));
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto(ctx.app.baseUrl + "/people");
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
  });

  it("staff whose role does not require it sign in with their password alone", async () => {
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/sign-in");
    await page.getByLabel("Email address").fill("coordinator@riverside-pcn.example");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My portfolio" }).waitFor();
  });
});
