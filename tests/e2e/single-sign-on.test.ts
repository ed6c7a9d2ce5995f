import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { expectNoAxeViolations, connectBrowser, newPage, signInOnce, startApp, type App } from "./browser";
import { signOut } from "./totp";

const DEMO_PASSWORD = "care-portfolio-demo";

let provider: TestProvider;
let app: App;
let browser: Browser;
beforeAll(async () => {
  provider = await startTestProvider();
  app = await startApp({ ...provider.settings, SSO_LINK_BY_EMAIL: "true" });
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await provider?.stop();
});

/** The provider's own development pages: sign in as `login` (any password), then agree to share. */
async function throughProviderPages(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === app.baseUrl);
}

/** A new page signed in with a demo password, for a test about linking rather than signing in. */
async function signedInWithPassword(email: string) {
  const page = await newPage(browser);
  await signInOnce(page, app.baseUrl, email, DEMO_PASSWORD);
  return page;
}

describe("signing in with an NHS account in the browser", () => {
  it("NHSmail (client secret): linked by verified email on first sign-in, listed on My account, offers its sign-out", async () => {
    provider.accounts.set("nhsmail-coordinator", {
      email: "coordinator@riverside-pcn.example",
      email_verified: true,
      name: "Coordinator",
    });
    const page = await newPage(browser);
    await page.goto(app.baseUrl + "/sign-in");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Sign in with NHSmail" }).click();
    await throughProviderPages(page, "nhsmail-coordinator");
    await page.getByRole("heading", { name: "My portfolio" }).waitFor();

    await page.goto(app.baseUrl + "/account");
    await expect(page.getByTestId("linked-accounts").textContent()).resolves.toContain("NHSmail");
    await expect(
      page.getByRole("button", { name: "Link your NHS Care Identity (CIS2) account" }).count(),
    ).resolves.toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    const providerSignOut = page.getByRole("link", { name: "Sign out of NHSmail" });
    await expect(providerSignOut.getAttribute("href")).resolves.toMatch(new RegExp(`^${provider.issuer}/`));
    await expectNoAxeViolations(page);
  });

  it("CIS2 (private_key_jwt): an administrator's one-time link links the account and signs them in", async () => {
    const adminPage = await signedInWithPassword("admin@care-portfolio.example");
    await adminPage.goto(app.baseUrl + "/people?q=Tomos");
    await adminPage.getByRole("link", { name: "Dr Tomos Evans" }).click();
    await adminPage.getByRole("link", { name: "NHS accounts used to sign in" }).click();
    await expectNoAxeViolations(adminPage);
    await adminPage.getByRole("button", { name: "Create a link to link their NHS account" }).click();
    const link = (await adminPage.getByTestId("identity-link").textContent())!.trim();

    const page = await newPage(browser);
    await page.goto(link);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Continue with NHS Care Identity (CIS2)" }).click();
    await throughProviderPages(page, "cis2-supervisor");
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByTestId("linked-accounts").textContent()).resolves.toContain("NHS Care Identity (CIS2)");
    await signOut(page);

    await adminPage.reload();
    await expect(adminPage.getByTestId("linked-accounts").textContent()).resolves.toContain("NHS Care Identity (CIS2)");
    await adminPage.getByRole("button", { name: "Unlink NHS Care Identity (CIS2) account" }).click();
    await adminPage.getByText("Account unlinked").waitFor();
  });

  it("CIS2 (private_key_jwt): linked from My account, then signs in, signs out of both, and signs in again", async () => {
    const page = await signedInWithPassword("lead@riverside-pcn.example");
    await page.goto(app.baseUrl + "/account");
    await page.getByRole("button", { name: "Link your NHS Care Identity (CIS2) account" }).click();
    await throughProviderPages(page, "cis2-lead");
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByTestId("linked-accounts").textContent()).resolves.toContain("NHS Care Identity (CIS2)");
    await signOut(page);

    const signInWithCis2 = async () => {
      await page.goto(app.baseUrl + "/sign-in");
      await page.getByRole("button", { name: "Sign in with NHS Care Identity (CIS2)" }).click();
    };
    const signedInAtHome = async () => {
      await page.waitForURL((url) => url.origin === app.baseUrl && url.pathname === "/");
      await page.getByRole("button", { name: "Sign out" }).waitFor();
    };
    // Still signed in at CIS2 from linking: no password asked for, only to continue to Care Portfolio.
    await signInWithCis2();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await expect(page.locator('input[name="password"]').count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Continue" }).click();
    await signedInAtHome();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    await page.getByRole("link", { name: "Sign out of NHS Care Identity (CIS2)" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.getByRole("heading", { name: "Sign-out Success" }).waitFor();
    // The Care Portfolio session has ended too.
    await page.goto(app.baseUrl + "/account");
    await page.waitForURL((url) => url.pathname === "/sign-in");

    // Signed out of CIS2 as well: its own pages ask again.
    await signInWithCis2();
    await throughProviderPages(page, "cis2-lead");
    await signedInAtHome();
  });

  it("an identity linked to nobody gets a clear page that says what to do", async () => {
    const page = await newPage(browser);
    await page.goto(app.baseUrl + "/sign-in");
    await page.getByRole("button", { name: "Sign in with NHSmail" }).click();
    await throughProviderPages(page, "nobody-we-know");
    await page.getByRole("heading", { name: "Your NHSmail account is not linked to Care Portfolio" }).waitFor();
    await expectNoAxeViolations(page);
    expect(app.output()).not.toContain("nobody-we-know");
  });
});
