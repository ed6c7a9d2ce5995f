import { afterEach, describe, expect, it, vi } from "vitest";
import { assuranceLevelOf, emailInDomains } from "~/domain/single-sign-on";

async function envWith(vars: Record<string, string>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return import("~/lib/env.server");
}

describe("single sign-on settings", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("a provider's issuer without the rest of its settings stops start-up, naming each missing variable", async () => {
    const { env, EnvError } = await envWith({
      NHSMAIL_ISSUER: "https://login.microsoftonline.com/t/v2.0",
      CIS2_ISSUER: "https://cis2.example/realm",
    });
    expect(env).toThrow(EnvError);
    for (const name of [
      "NHSMAIL_CLIENT_ID",
      "NHSMAIL_CLIENT_SECRET",
      "CIS2_CLIENT_ID",
      "CIS2_PRIVATE_KEY_FILE",
      "CIS2_KEY_ID",
    ])
      expect(env).toThrow(new RegExp(`^${name}: is needed with`, "m"));
  });

  it("an issuer must be HTTPS, except on this machine's loopback", async () => {
    const { env } = await envWith({
      NHSMAIL_ISSUER: "http://login.example/v2.0",
      NHSMAIL_CLIENT_ID: "a",
      NHSMAIL_CLIENT_SECRET: "b",
    });
    expect(env).toThrow(/^NHSMAIL_ISSUER: must start with https:\/\//);
    vi.resetModules();
    vi.stubEnv("NHSMAIL_ISSUER", "http://127.0.0.1:4000");
    const loopback = await import("~/lib/env.server");
    expect(loopback.env().NHSMAIL_ISSUER).toBe("http://127.0.0.1:4000");
  });

  it("requiring single sign-on with no provider configured would lock people out, so it stops start-up", async () => {
    const { env } = await envWith({ REQUIRE_SSO_FOR: "admin" });
    expect(env).toThrow(/^REQUIRE_SSO_FOR: needs NHSMAIL_ISSUER or CIS2_ISSUER set/);
  });

  it("CIS2 is asked for one of its two documented assurance classes; anything else stops start-up", async () => {
    expect((await envWith({ CIS2_ACR_VALUES: "AAL3_ANY" })).env().CIS2_ACR_VALUES).toBe("AAL3_ANY");
    vi.resetModules();
    const { env } = await envWith({ CIS2_ACR_VALUES: "AAL2_OR_ABOVE" });
    expect(env).toThrow(/^CIS2_ACR_VALUES: must be AAL2_OR_AAL3_ANY \(AAL2 or above\) or AAL3_ANY \(AAL3 only\)/);
  });

  it("defaults: nothing on, CIS2 asked for AAL2 or above with its documented scopes", async () => {
    const { env } = await envWith({});
    expect(env().NHSMAIL_ISSUER).toBeUndefined();
    expect(env().CIS2_ISSUER).toBeUndefined();
    expect(env()).toMatchObject({
      CIS2_ACR_VALUES: "AAL2_OR_AAL3_ANY",
      CIS2_SCOPES: "openid profile email nhsperson associatedorgs",
      NHSMAIL_SCOPES: "openid profile email",
      SSO_LINK_BY_EMAIL: false,
      SSO_CREATE_ACCOUNTS_FOR: [],
      REQUIRE_SSO_FOR: [],
    });
  });
});

describe("emailInDomains", () => {
  it("matches the whole domain, ignoring case, and nothing else", () => {
    expect(emailInDomains("Sam.Jones@NHS.net", ["nhs.net"])).toBe(true);
    expect(emailInDomains("sam@x.nhs.net", ["nhs.net"])).toBe(false);
    expect(emailInDomains("sam@nhs.net.evil.example", ["nhs.net"])).toBe(false);
    expect(emailInDomains("nhs.net", ["nhs.net"])).toBe(false);
  });
});

describe("assuranceLevelOf", () => {
  it("reads the lowest level a CIS2 class allows from its start, and nothing from anything else", () => {
    expect(assuranceLevelOf("AAL3_ANY")).toBe(3);
    expect(assuranceLevelOf("AAL3_N3_SMARTCARD")).toBe(3);
    expect(assuranceLevelOf("AAL2_OR_AAL3_ANY")).toBe(2);
    expect(assuranceLevelOf("AAL2_TOTP")).toBe(2);
    expect(assuranceLevelOf("AAL1_USERPASS")).toBe(1);
    for (const other of [undefined, null, 3, "", "AAL3", "aal3_any", "urn:example:AAL3_ANY", "AAL4_ANY"])
      expect(assuranceLevelOf(other)).toBeNull();
  });
});
