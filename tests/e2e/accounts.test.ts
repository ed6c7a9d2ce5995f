import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, signIn, startAppAndBrowser } from "./browser";
import { signedInPage } from "./flows";

const ctx = startAppAndBrowser();

describe("accounts", () => {
  it("an admin creates a PCN and a coordinator; the coordinator sets a password from the link and signs in", async () => {
    const admin = await signedInPage(ctx.browser, ctx.app.baseUrl, "admin@care-portfolio.example", "/admin/pcns");
    await admin.getByRole("button", { name: "Add PCN" }).click();
    await expect(admin.locator(".nhsuk-error-summary").textContent()).resolves.toContain("Enter the PCN's name");
    await expectNoAxeViolations(admin);
    await admin.getByLabel("PCN name").fill("Meadowbank PCN");
    await admin.getByLabel("ODS code").fill("u31337");
    await admin.getByRole("button", { name: "Add PCN" }).click();
    await admin.getByRole("cell", { name: "U31337" }).waitFor();

    await admin.goto(ctx.app.baseUrl + "/people/new");
    await admin.getByLabel("Full name").fill("Gwenllïan Pryce");
    await admin.getByLabel("Email address").fill("not-an-email");
    await admin.getByRole("button", { name: "Add person" }).click();
    await expect(admin.locator("#email-error").textContent()).resolves.toContain(
      "Enter an email address in the correct format",
    );
    await expect(admin.getByLabel("Full name").inputValue()).resolves.toBe("Gwenllïan Pryce");
    await expectNoAxeViolations(admin);
    await admin.getByLabel("Email address").fill("gwenllian.pryce@meadowbank.example");
    await admin.getByLabel("PCN", { exact: true }).selectOption({ label: "Meadowbank PCN" });
    await admin.getByLabel("Job role").selectOption({ label: "Care coordinator" });
    await admin.getByLabel("Member of staff (keeps a portfolio)").check();
    await admin.getByRole("button", { name: "Add person" }).click();
    await admin.getByRole("heading", { name: "Gwenllïan Pryce" }).waitFor();
    await admin.getByRole("button", { name: "Create a set-password link" }).click();
    const link = (await admin.getByTestId("set-password-link").textContent())!.trim();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password\/[\w-]+$/);

    const coordinator = await newPage(ctx.browser);
    await coordinator.goto(link);
    await coordinator.getByLabel("New password").fill("meadow bank river stones");
    await coordinator.getByLabel("Type the password again").fill("meadow bank river stones");
    await coordinator.getByRole("button", { name: "Set password" }).click();
    await coordinator.waitForURL(/\/sign-in/);
    await signIn(coordinator, ctx.app.baseUrl, "Gwenllian.Pryce@meadowbank.example", "meadow bank river stones");
    await coordinator.getByRole("heading", { name: "My portfolio" }).waitFor();
    await expectNoAxeViolations(coordinator);

    // The link worked once only.
    await coordinator.goto(link);
    await coordinator.getByRole("heading", { name: "This link does not work" }).waitFor();
  });

  it("a wrong password shows a linked error and keeps the email", async () => {
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/sign-in");
    await page.getByLabel("Email address").fill("lead@riverside-pcn.example");
    await page.getByLabel("Password", { exact: true }).fill("not the right one");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".nhsuk-error-summary a[href='#email']").waitFor();
    await expect(page.getByLabel("Email address").inputValue()).resolves.toBe("lead@riverside-pcn.example");
    await expectNoAxeViolations(page);
  });

  it("a cross-site form post is refused by the server", async () => {
    const forged = await fetch(ctx.app.baseUrl + "/sign-out", {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    const crossSite = await fetch(ctx.app.baseUrl + "/sign-in", {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a&password=b",
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await fetch(ctx.app.baseUrl + "/sign-in", {
      method: "POST",
      headers: { Origin: ctx.app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c&password=b",
      redirect: "manual",
    });
    expect(sameOrigin.status).toBe(400);
  });
});

// The signed-out home page (this was home.test.ts, which started an app of its own for it).
describe("home page", () => {
  it("shows the NHS header, skip link and sign-in button, with no axe violations", async () => {
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/");
    await expect(page.getByRole("link", { name: "NHS Care Portfolio homepage" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Care Portfolio");
    await expect(page.getByRole("link", { name: "Skip to main content" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it("sends the security headers, with a CSP that allows no inline script", async () => {
    const res = await fetch(ctx.app.baseUrl + "/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });
});
