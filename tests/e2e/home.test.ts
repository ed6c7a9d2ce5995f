import { describe, expect, it } from "vitest";
import { expectNoAxeViolations, newPage, startAppAndBrowser } from "./browser";

const ctx = startAppAndBrowser();

describe("home page", () => {
  it("shows the NHS header, skip link and sign-in button, with no axe violations", async () => {
    const page = await newPage(ctx.browser);
    await page.goto(ctx.app.baseUrl + "/");
    await expect(page.getByRole("link", { name: "NHS Care Portfolio homepage" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Care Portfolio");
    await expect(page.getByRole("link", { name: "Skip to main content" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.close();
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
