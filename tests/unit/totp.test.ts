import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  totpCode,
  totpUri,
  verifyTotp,
} from "~/lib/totp.server";

// RFC 6238 appendix B, SHA1 rows: the shared secret is the ASCII text "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("base32", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes %j as RFC 4648 does (without padding)", (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it("round-trips random bytes of every length up to 40", () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    }
  });

  it("reads keys typed in lower case, in groups or with padding", () => {
    expect(base32Decode("mzxw 6ytb oi======").toString()).toBe("foobar");
  });

  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("MZXW1")).toThrow();
  });
});

describe("TOTP codes", () => {
  it.each(RFC_VECTORS)("matches the RFC 6238 8-digit vector at %i s", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it.each(RFC_VECTORS)("gives the last 6 digits of the RFC vector at %i s by default", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it("keeps the same code for the whole 30 seconds", () => {
    expect(totpCode(RFC_SECRET, 60_000)).toBe(totpCode(RFC_SECRET, 89_999));
    expect(totpCode(RFC_SECRET, 60_000)).not.toBe(totpCode(RFC_SECRET, 90_000));
  });

  it("makes a new 160-bit secret each time, in the form the enrolment form accepts", () => {
    const first = generateTotpSecret();
    expect(first).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(first)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(first);
  });
});

describe("verifying a TOTP code", () => {
  const secret = generateTotpSecret();
  const now = Date.UTC(2025, 2, 3, 10, 15, 7);
  const step = Math.floor(now / 30_000);
  const codeAtStep = (s: number) => totpCode(secret, s * 30_000);

  it("accepts the current code and says which step it was", () => {
    expect(verifyTotp(secret, codeAtStep(step), now)).toEqual({ ok: true, step });
  });

  it("accepts the codes from one step either side, for clock drift", () => {
    expect(verifyTotp(secret, codeAtStep(step - 1), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, codeAtStep(step + 1), now)).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses codes two steps away", () => {
    expect(verifyTotp(secret, codeAtStep(step - 2), now)).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAtStep(step + 2), now)).toEqual({ ok: false });
  });

  it("refuses a code that was already used", () => {
    const first = verifyTotp(secret, codeAtStep(step), now);
    if (!first.ok) throw new Error("expected the first use to pass");
    expect(verifyTotp(secret, codeAtStep(step), now + 5_000, first.step)).toEqual({ ok: false });
  });

  it("refuses an older code once a newer one was used, but accepts the next one", () => {
    expect(verifyTotp(secret, codeAtStep(step - 1), now, step)).toEqual({ ok: false });
    expect(verifyTotp(secret, codeAtStep(step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses a code made from another secret", () => {
    expect(verifyTotp(generateTotpSecret(), codeAtStep(step), now).ok).toBe(false);
  });

  it.each(["", "12345", "1234567", "12 345", "abcdef"])("refuses %j as not a 6-digit code", (code) => {
    expect(verifyTotp(secret, code, now)).toEqual({ ok: false });
  });
});

describe("authenticator app link", () => {
  it("names the service and account and carries the secret and code settings", () => {
    const secret = generateTotpSecret();
    const url = new URL(totpUri(secret, "jane.smith@nhs.net"));
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/Care Portfolio:jane.smith@nhs.net");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret,
      issuer: "Care Portfolio",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });

  it("uses another issuer name when given one", () => {
    const url = new URL(totpUri(generateTotpSecret(), "a@b.nhs.uk", "North PCN & Co"));
    expect(url.searchParams.get("issuer")).toBe("North PCN & Co");
    expect(decodeURIComponent(url.pathname)).toBe("/North PCN & Co:a@b.nhs.uk");
  });
});

describe("recovery codes", () => {
  it("makes 10 different readable codes by default", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it("makes as many as asked for", () => {
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it("matches a code typed back in capitals, with spaces or without dashes", () => {
    const stored = hashRecoveryCode("abcd-efgh-jkmn");
    expect(hashRecoveryCode("ABCD-EFGH-JKMN")).toBe(stored);
    expect(hashRecoveryCode(" abcd efgh jkmn ")).toBe(stored);
    expect(hashRecoveryCode("abcdefghjkmn")).toBe(stored);
  });

  it("stores a SHA-256 digest, not the code, and tells different codes apart", () => {
    const stored = hashRecoveryCode("abcd-efgh-jkmn");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain("abcd");
    expect(hashRecoveryCode("abcd-efgh-jkmp")).not.toBe(stored);
  });
});
