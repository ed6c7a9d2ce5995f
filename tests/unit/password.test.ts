import { execFile } from "node:child_process";
import { randomBytes, scryptSync } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkPassword, contextWords, type StrengthEstimate } from "~/domain/password-policy";
import { estimateStrength } from "~/lib/password-strength.server";

const TSX = path.resolve("node_modules/.bin/tsx");
const alwaysStrong = (): StrengthEstimate => ({ score: 4, warning: null });
const check = (password: string, details: { email?: string; name?: string; pcnName?: string } = {}) =>
  checkPassword(password, { estimate: estimateStrength, ...details });

const TOO_SHORT = "Password must be 12 characters or more";
const EASY =
  /^This password would be easy to guess\. .*Choose a different one: 3 or 4 random words together make a strong password that is easy to remember\.$/;

describe("password policy: length", () => {
  it("refuses 11 characters and accepts 12", () => {
    expect(check("tulip-meadow")).toBeNull();
    expect(check("tulip-meado")).toBe(TOO_SHORT);
  });

  it("asks for a password when none is given", () => {
    expect(check("")).toBe("Enter a password");
  });

  it("counts an emoji as one character", () => {
    // 11 characters but 12 UTF-16 units: must still be too short.
    expect(check("kettlebell🫖")).toBe(TOO_SHORT);
    expect(check("kettlebells🫖")).toBeNull();
  });

  it("accepts long passphrases of 128 and 200 characters", () => {
    const passphrase = (length: number) => "orange lantern quietly hums ".repeat(10).slice(0, length);
    expect(check(passphrase(128))).toBeNull();
    expect(check(passphrase(200))).toBeNull();
  });

  it("accepts up to 1,024 characters and refuses more", () => {
    const long = "orange lantern quietly hums ".repeat(40);
    expect(check(long.slice(0, 1024))).toBeNull();
    expect(check(long.slice(0, 1025))).toBe("Password must be 1,024 characters or fewer");
  });

  it("has no rules about kinds of character", () => {
    expect(check("all lower case words here")).toBeNull();
    expect(check("831907264518")).toBeNull();
  });
});

describe("password policy: guessable passwords", () => {
  it.each([
    "aaaaaaaaaaaa",
    "password12345",
    "carecarecare",
    "leavemealone",
    "LeaveMeAlone",
    "FINALFANTASY",
    "qwertyuiop123",
    "P@ssw0rd2026!",
  ])("refuses %j, long enough but easy to guess, saying why", (password) => {
    expect(check(password)).toMatch(EASY);
  });

  it("says what makes a password easy to guess", () => {
    expect(check("aaaaaaaaaaaa")).toContain('Repeated characters like "aaa" are easy to guess.');
    expect(check("password12345")).toContain("This is similar to a commonly used password.");
  });

  describe("with the person's details as context words", () => {
    const priya = { name: "Priya Shah", email: "priya.shah@riverside-pcn.example", pcnName: "Riverside Health PCN" };
    const personal = "It uses your name, your email address, your PCN's name or the name of this service.";

    it.each([
      "Riverside2026",
      "riversidehealth",
      "CarePortfolio1",
      "careportfolio2026",
      "priyashah1234",
      "PriyaRiverside1",
      "Riverside-Health-2026",
      "ShahPriya2026!",
    ])("refuses %j, built from who they are and where they work", (password) => {
      expect(check(password, priya)).toMatch(EASY);
      expect(check(password, priya)).toContain(personal);
    });

    it("the same password is fine for someone it says nothing about", () => {
      expect(
        check("Riverside-Health-2026", {
          name: "Tom Baker",
          email: "tom.baker@hillside.example",
          pcnName: "Hillside Villages PCN",
        }),
      ).toBeNull();
    });

    it("lists the words whole, run together and one by one, lowercased", () => {
      expect(contextWords(priya)).toEqual(
        expect.arrayContaining([
          "care portfolio",
          "careportfolio",
          "care",
          "portfolio",
          "priya shah",
          "priyashah",
          "priya",
          "shah",
          "riverside",
          "health",
          "pcn",
          "priya.shah@riverside-pcn.example",
          "priya.shah",
        ]),
      );
    });
  });

  it("refuses the person's own email address, in any case", () => {
    const email = "jennifer.thompson@nhs.net";
    const message = "Password must not be your name or email address";
    expect(checkPassword("Jennifer.Thompson@NHS.net", { estimate: alwaysStrong, email })).toBe(message);
    expect(checkPassword("jennifer.thompson", { estimate: alwaysStrong, email })).toBe(message);
  });

  it("refuses the person's own name, with or without spaces", () => {
    const name = "Jennifer Thompson";
    const message = "Password must not be your name or email address";
    expect(checkPassword("jennifer thompson", { estimate: alwaysStrong, name })).toBe(message);
    expect(checkPassword("JenniferThompson", { estimate: alwaysStrong, name })).toBe(message);
  });

  it("accepts a passphrase that only contains the person's name among other words", () => {
    expect(check("jennifer thompson likes flying kites", { name: "Jennifer Thompson" })).toBeNull();
  });

  it("does not treat a password of symbols as matching an empty name", () => {
    expect(checkPassword("!!!!????####", { estimate: alwaysStrong, name: "", email: "" })).toBeNull();
  });

  it("judges only the start of a very long password, so a check stays quick", () => {
    // Digits among letters are the slow case: each could stand for a letter ("p4ssw0rd").
    const started = performance.now();
    check("1a2b3c4d5e6f".repeat(85));
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

/** The password module as a fresh process loads it with this cost setting: settings are read once per process. */
async function withCost(costLog2: string | undefined) {
  vi.stubEnv("PASSWORD_HASH_COST_LOG2", costLog2);
  vi.resetModules();
  return import("~/lib/password.server");
}

describe("password hashing", () => {
  let passwords: Awaited<ReturnType<typeof withCost>>;
  // The lowest cost keeps this suite fast; one test below checks the real default.
  beforeEach(async () => {
    passwords = await withCost("10");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("verifies the password it hashed and refuses a wrong one", async () => {
    const stored = await passwords.hashPassword("maple syrup morning");
    expect(await passwords.verifyPassword("maple syrup morning", stored)).toBe(true);
    expect(await passwords.verifyPassword("maple syrup mornings", stored)).toBe(false);
    expect(await passwords.verifyPassword("Maple syrup morning", stored)).toBe(false);
  });

  it("stores the settings, salt and hash, never the password", async () => {
    const stored = await passwords.hashPassword("maple syrup morning");
    expect(stored).toMatch(/^scrypt\$1024\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("maple");
    const [, , , , salt, hash] = stored.split("$");
    expect(Buffer.from(salt ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(hash ?? "", "base64")).toHaveLength(32);
  });

  it("gives two different hashes for the same password", async () => {
    const [first, second] = await Promise.all([
      passwords.hashPassword("maple syrup morning"),
      passwords.hashPassword("maple syrup morning"),
    ]);
    expect(first).not.toBe(second);
    expect(await passwords.verifyPassword("maple syrup morning", second ?? "")).toBe(true);
  });

  it("refuses a stored hash that has been tampered with", async () => {
    const stored = await passwords.hashPassword("maple syrup morning");
    const parts = stored.split("$");
    const hash = Buffer.from(parts[5] ?? "", "base64");
    hash[0] = (hash[0] ?? 0) ^ 1;
    const flippedBit = [...parts.slice(0, 5), hash.toString("base64")].join("$");
    const otherCost = stored.replace("scrypt$1024$", "scrypt$2048$");
    expect(await passwords.verifyPassword("maple syrup morning", flippedBit)).toBe(false);
    expect(await passwords.verifyPassword("maple syrup morning", otherCost)).toBe(false);
    expect(await passwords.verifyPassword("maple syrup morning", stored.replace("scrypt$", "bcrypt$"))).toBe(false);
    expect(await passwords.verifyPassword("maple syrup morning", "")).toBe(false);
  });

  it("refuses a stored hash that asks for an unreasonable amount of memory", async () => {
    const stored = await passwords.hashPassword("maple syrup morning");
    expect(
      await passwords.verifyPassword("maple syrup morning", stored.replace("scrypt$1024$8$", "scrypt$1048576$64$")),
    ).toBe(false);
  });

  it("matches an accented password typed in either Unicode form", async () => {
    const composed = "café au lait please";
    const stored = await passwords.hashPassword(composed);
    expect(await passwords.verifyPassword(composed.normalize("NFD"), stored)).toBe(true);
  });

  it("says a hash needs replacing once the cost setting changes", async () => {
    const stored = await passwords.hashPassword("maple syrup morning");
    expect(passwords.needsRehash(stored)).toBe(false);
    passwords = await withCost("11");
    expect(passwords.needsRehash(stored)).toBe(true);
    expect(passwords.needsRehash("not a hash")).toBe(true);
  });

  it("fails a sign-in for an account that does not exist", async () => {
    expect(await passwords.dummyVerify("maple syrup morning")).toBe(false);
  });

  it("refuses a cost setting below the minimum rather than hashing weakly", async () => {
    passwords = await withCost("9");
    await expect(passwords.hashPassword("maple syrup morning")).rejects.toThrow(/PASSWORD_HASH_COST_LOG2/);
  });

  it("uses N = 2^15, r = 8, p = 3 when no cost is set", async () => {
    passwords = await withCost(undefined);
    const stored = await passwords.hashPassword("maple syrup morning");
    expect(stored.startsWith("scrypt$32768$8$3$")).toBe(true);
    expect(await passwords.verifyPassword("maple syrup morning", stored)).toBe(true);
  }, 20_000);

  it("still verifies a hash stored with the earlier default (N = 2^17, p = 1), and says to replace it", async () => {
    passwords = await withCost(undefined);
    const salt = randomBytes(16);
    const key = scryptSync("maple syrup morning", salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 });
    const earlier = ["scrypt", 2 ** 17, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    expect(await passwords.verifyPassword("maple syrup morning", earlier)).toBe(true);
    expect(await passwords.verifyPassword("maple syrup mornings", earlier)).toBe(false);
    expect(passwords.needsRehash(earlier)).toBe(true);
  }, 20_000);

  // In its own process, so the peak is this work's alone; memory, unlike time, does not depend on the machine's load.
  it("holds the memory of hashes running at once to two of today's, or one earlier one", async () => {
    const env = { ...process.env };
    delete env.PASSWORD_HASH_COST_LOG2;
    const { stdout } = await promisify(execFile)(TSX, ["tests/fixtures/password/hash-memory.ts"], { env });
    const { earlierRise, currentRise } = JSON.parse(stdout) as { earlierRise: number; currentRise: number };
    // Unlimited, Node runs four at once: 512 MiB for the earlier hashes, 128 MiB for today's.
    expect(earlierRise).toBeLessThan(192);
    expect(currentRise).toBeLessThan(96);
  }, 60_000);
});
