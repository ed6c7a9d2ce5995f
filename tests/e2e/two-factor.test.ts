import Database from "better-sqlite3";
import QRCode from "qrcode";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, signInOnce, startAppAndBrowser } from "./browser";
import { codeAfter, enterCode, signInToCodePage, signOut, totpForStep, turnOnTwoStep } from "./totp";

const DEMO_PASSWORD = "care-portfolio-demo";
const ctx = startAppAndBrowser();

/** A page whose CSP violations (other than fonts, a separate known issue) are collected for the test to check. */
async function pageWatchingCsp(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && /Content Security Policy/.test(text) && !/font/i.test(text))
      violations.push(text);
  });
  return { page, violations };
}

/** A wrong code, or one typed short, is refused on the code field and the page keeps showing the same key. */
async function expectKeyKeptAfterWrongCodes(page: Page, shownKey: string) {
  for (const [wrong, message] of [
    ["000000", "The code is not correct"],
    ["12", "Enter the 6-digit code from your app"],
  ] as const) {
    await page.getByLabel("6-digit code").fill(wrong);
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.locator(".nhsuk-error-summary a[href='#code']", { hasText: message }).waitFor();
    expect((await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "")).toBe(shownKey);
  }
}

describe("two-step sign-in in the browser", () => {
  it("without JavaScript, a code typed wrongly or short keeps the key the person has already scanned", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, ctx.app.baseUrl, "aisha.begum@riverside-pcn.example", DEMO_PASSWORD);
      await page.goto(ctx.app.baseUrl + "/account/two-factor");
      const shownKey = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
      await expectKeyKeptAfterWrongCodes(page, shownKey);
    } finally {
      await context.close();
    }
  });

  it("set up with a QR code and key, then sign in with a code, then with a recovery code (each works once)", async () => {
    const email = "coordinator@riverside-pcn.example";
    const { page, violations } = await pageWatchingCsp(ctx.browser);
    await signIn(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await page.goto(ctx.app.baseUrl + "/account");
    await page.getByRole("link", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("heading", { name: "Turn on two-step sign-in" }).waitFor();

    // The QR code is drawn on the server and carries the same key as the text, for this account.
    const qr = page.getByRole("img", { name: "QR code for setting up two-step sign-in" });
    await expect(qr.locator("svg path").count()).resolves.toBeGreaterThan(0);
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    const shownKey = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    const uri = `otpauth://totp/Care%20Portfolio:${encodeURIComponent(email)}?secret=${shownKey}&issuer=Care%20Portfolio&algorithm=SHA1&digits=6&period=30`;
    const expectedSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    const expectedModules = /<path stroke="#000000" d="([^"]+)"/.exec(expectedSvg)?.[1];
    await expect(qr.locator("svg path[stroke]").getAttribute("d")).resolves.toBe(expectedModules);
    await expectNoAxeViolations(page);

    // A wrong code, or one typed short, keeps the same key (already in the app) and says what to do.
    await expectKeyKeptAfterWrongCodes(page, shownKey);

    const { secret, step, recoveryCodes } = await turnOnTwoStep(page);
    expect(secret).toBe(shownKey);
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole("link", { name: "Continue" }).click();
    await signOut(page);

    // The code page has a code field (it used to show the password form again) and refuses the code already used.
    await signInToCodePage(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await expect(page.getByLabel("Password", { exact: true }).count()).resolves.toBe(0);
    await enterCode(page, totpForStep(secret, step));
    await page.locator(".nhsuk-error-summary a[href='#code']").waitFor();
    await expectNoAxeViolations(page);
    await enterCode(page, codeAfter(secret, step));
    await page.getByRole("heading", { name: "My portfolio" }).waitFor();
    await signOut(page);

    await signInToCodePage(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await enterCode(page, recoveryCodes[0]!.toUpperCase());
    await page.getByRole("heading", { name: "My portfolio" }).waitFor();
    await signOut(page);

    await signInToCodePage(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await enterCode(page, recoveryCodes[0]!);
    await expect(page.locator("#code-error").textContent()).resolves.toContain(
      "The code is not correct or has already been used",
    );
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("works the same without JavaScript: set up, sign out, sign in with a code", async () => {
    const email = "jack.thompson@riverside-pcn.example";
    const { page } = await pageWatchingCsp(ctx.browser, false);
    await signIn(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await page.goto(ctx.app.baseUrl + "/account/two-factor");
    const { secret, step } = await turnOnTwoStep(page);
    await signOut(page);
    await signInToCodePage(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await enterCode(page, codeAfter(secret, step));
    await page.getByRole("heading", { name: "My portfolio" }).waitFor();
    await page.context().close();
  });

  it("an administrator resets someone's two-step sign-in after asking twice; they then sign in with their password", async () => {
    const email = "daniel.kowalski@riverside-pcn.example";
    const person = await newPage(ctx.browser);
    await signIn(person, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await person.goto(ctx.app.baseUrl + "/account/two-factor");
    await turnOnTwoStep(person);

    const admin = await newPage(ctx.browser);
    await signInOnce(admin, ctx.app.baseUrl, "admin@care-portfolio.example", DEMO_PASSWORD);
    await admin.goto(ctx.app.baseUrl + "/people?q=Kowalski");
    await admin.getByRole("link", { name: /Daniel Kowalski/ }).click();
    await admin.getByRole("heading", { level: 1, name: "Daniel Kowalski" }).waitFor();
    await admin.getByRole("button", { name: "Reset two-step sign-in", exact: true }).click();
    await admin.getByRole("alert").getByText("Reset two-step sign-in for Daniel Kowalski?").waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole("button", { name: "Yes, reset two-step sign-in" }).click();
    await expect(admin.locator("[data-confirmation]").textContent()).resolves.toContain(
      "Two-step sign-in reset for Daniel Kowalski. They have been signed out.",
    );
    // Gone once the page has reloaded what it shows: there is nothing left to reset.
    await admin.getByRole("button", { name: "Reset two-step sign-in", exact: true }).waitFor({ state: "detached" });

    // Their session ended: the next page they ask for sends them to sign in, and the password alone lets them in.
    await person.goto(ctx.app.baseUrl + "/account");
    await person.waitForURL(/\/sign-in/);
    await signIn(person, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await person.getByRole("heading", { name: "My portfolio" }).waitFor();
    await person.goto(ctx.app.baseUrl + "/account");
    await expect(person.getByRole("link", { name: "Turn on two-step sign-in" }).count()).resolves.toBe(1);
  });

  it("when guessing from many addresses has locked the account, the owner signs in with password and code together", async () => {
    const email = "grace.okafor@riverside-pcn.example";
    const page = await newPage(ctx.browser);
    await signIn(page, ctx.app.baseUrl, email, DEMO_PASSWORD);
    await page.goto(ctx.app.baseUrl + "/account/two-factor");
    const { secret, step } = await turnOnTwoStep(page);
    await page.getByRole("link", { name: "Continue" }).click();
    await signOut(page);

    // Twenty failures from twenty addresses in the last few minutes, as a browser on one machine cannot make them.
    const db = new Database(ctx.app.env.DATABASE_PATH!);
    const insert = db.prepare("insert into login_failures (key, at_ms) values (?, ?)");
    for (let i = 0; i < 20; i++) insert.run(`account:${email}`, Date.now() - i * 10_000);
    db.close();

    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#code-error").textContent()).resolves.toContain(
      "so it now needs your password and the code from your authenticator app together",
    );
    await page.locator(".nhsuk-error-summary a[href='#code']").waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel("Security code").fill(codeAfter(secret, step));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
  });
});
