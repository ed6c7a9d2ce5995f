import { describe, expect, it, vi } from "vitest";
import { crossSiteRefusal, cspNonce, securityHeaders } from "~/lib/security.server";

const own = "https://care.example.nhs.uk";

describe("cross-site write check", () => {
  it.each([
    ["POST", own, "same-origin"],
    ["POST", own, undefined],
    ["POST", undefined, "same-origin"],
    ["POST", undefined, "none"],
    ["GET", "https://evil.example", "cross-site"],
  ] as const)("%s with Origin %s and Sec-Fetch-Site %s is allowed", (method, origin, secFetchSite) => {
    expect(crossSiteRefusal({ method, origin, secFetchSite, ownOrigin: own })).toBeNull();
  });

  it.each([
    ["POST", "https://evil.example", undefined],
    ["POST", "https://care.example.nhs.uk.evil.example", undefined],
    ["POST", "http://care.example.nhs.uk", undefined],
    ["POST", own, "cross-site"],
    ["POST", own, "same-site"],
    ["DELETE", "https://evil.example", "cross-site"],
    ["POST", undefined, undefined],
  ] as const)("%s with Origin %s and Sec-Fetch-Site %s is refused", (method, origin, secFetchSite) => {
    expect(crossSiteRefusal({ method, origin, secFetchSite, ownOrigin: own })).not.toBeNull();
  });
});

describe("CSP nonces", () => {
  it("are 128 bits, base64, and never repeat, also across refills of the random bytes fetched ahead", () => {
    const nonces = Array.from({ length: 1_000 }, cspNonce);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("security headers", () => {
  it("allow scripts only from this site or with this response's nonce, and forbid framing", () => {
    const headers = securityHeaders("abc123", false);
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-inline");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("abc123", true)["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("fetch fonts only from this site, unless NHS_FONTS=true allows the NHS font host", async () => {
    /** The headers as a fresh process sends them with this setting: settings are read once per process. */
    const headersWith = async (nhsFonts: string | undefined) => {
      vi.stubEnv("NHS_FONTS", nhsFonts);
      vi.resetModules();
      const fresh = await import("~/lib/security.server");
      return fresh.securityHeaders("n", false)["Content-Security-Policy"];
    };
    try {
      expect(await headersWith(undefined)).toContain("font-src 'self';");
      expect(await headersWith("true")).toContain("font-src 'self' https://assets.nhs.uk;");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
