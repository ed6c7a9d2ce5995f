import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkPassword } from "~/domain/password-policy";
import { isCommonPassword } from "~/utils/common-passwords.server";
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from "~/utils/password.server";

const neverCommon = () => false;
const check = (password: string, details: { email?: string; name?: string } = {}) =>
  checkPassword(password, { isCommon: isCommonPassword, ...details });

const TOO_SHORT = "Password must be 12 characters or more";
const TOO_COMMON = "This password is too common and easy to guess. Choose a different password, for example 3 random words";

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
    expect(check("a1b2c3d4".repeat(128))).toBeNull();
    expect(check(`${"a1b2c3d4".repeat(128)}e`)).toBe("Password must be 1,024 characters or fewer");
  });

  it("has no rules about kinds of character", () => {
    expect(check("all lower case words here")).toBeNull();
    expect(check("831907264518")).toBeNull();
  });
});

describe("password policy: guessable passwords", () => {
  it("refuses a password from the common list whatever its case", () => {
    expect(check("leavemealone")).toBe(TOO_COMMON);
    expect(check("LeaveMeAlone")).toBe(TOO_COMMON);
    expect(check("FINALFANTASY")).toBe(TOO_COMMON);
  });

  it("asks the list about the lowercased password", () => {
    const asked: string[] = [];
    checkPassword("Winter Garden Path", { isCommon: (p) => (asked.push(p), false) });
    expect(asked).toEqual(["winter garden path"]);
  });

  it("refuses the person's own email address, in any case", () => {
    const email = "jennifer.thompson@nhs.net";
    const message = "Password must not be your name or email address";
    expect(checkPassword("Jennifer.Thompson@NHS.net", { isCommon: neverCommon, email })).toBe(message);
    expect(checkPassword("jennifer.thompson", { isCommon: neverCommon, email })).toBe(message);
  });

  it("refuses the person's own name, with or without spaces", () => {
    const name = "Jennifer Thompson";
    const message = "Password must not be your name or email address";
    expect(checkPassword("jennifer thompson", { isCommon: neverCommon, name })).toBe(message);
    expect(checkPassword("JenniferThompson", { isCommon: neverCommon, name })).toBe(message);
  });

  it("accepts a password that only contains the person's name among other words", () => {
    expect(checkPassword("jennifer thompson likes kites", { isCommon: neverCommon, name: "Jennifer Thompson" })).toBeNull();
  });

  it("does not treat a password of symbols as matching an empty name", () => {
    expect(checkPassword("!!!!????####", { isCommon: neverCommon, name: "", email: "" })).toBeNull();
  });
});

describe("common password list", () => {
  const listFile = path.join(process.cwd(), "content/security/common-passwords.txt");
  const entries = () => readFileSync(listFile, "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("# "));

  it("holds at least 10,000 lowercase passwords and says where they came from", () => {
    const text = readFileSync(listFile, "utf8");
    expect(text.startsWith("# ")).toBe(true);
    expect(text).toMatch(/licen[cs]e/i);
    expect(entries().length).toBeGreaterThanOrEqual(10_000);
    expect(entries().filter((p) => p !== p.toLowerCase())).toEqual([]);
  });

  it("finds listed passwords whatever their case, and not others", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("quietly orange lantern hums")).toBe(false);
  });

  it("keeps a listed password that starts with a hash sign", () => {
    expect(entries()).toContain("#name?");
    expect(isCommonPassword("#name?")).toBe(true);
  });

  describe("from another content folder", () => {
    const savedContentDir = process.env.CONTENT_DIR;
    afterEach(() => {
      if (savedContentDir === undefined) delete process.env.CONTENT_DIR;
      else process.env.CONTENT_DIR = savedContentDir;
      vi.resetModules();
    });

    it("reads the list under CONTENT_DIR when it is set", async () => {
      const contentDir = mkdtempSync(path.join(tmpdir(), "content-"));
      mkdirSync(path.join(contentDir, "security"));
      writeFileSync(path.join(contentDir, "security", "common-passwords.txt"), "# test list\nbluebellwoods\n");
      process.env.CONTENT_DIR = contentDir;
      vi.resetModules();
      const fresh = await import("~/utils/common-passwords.server");
      expect(fresh.isCommonPassword("BluebellWoods")).toBe(true);
      expect(fresh.isCommonPassword("password")).toBe(false);
    });
  });
});

describe("password hashing", () => {
  const savedCost = process.env.PASSWORD_HASH_COST_LOG2;
  // The lowest cost keeps this suite fast; one test below checks the real default.
  beforeEach(() => {
    process.env.PASSWORD_HASH_COST_LOG2 = "10";
  });
  afterEach(() => {
    if (savedCost === undefined) delete process.env.PASSWORD_HASH_COST_LOG2;
    else process.env.PASSWORD_HASH_COST_LOG2 = savedCost;
  });

  it("verifies the password it hashed and refuses a wrong one", async () => {
    const stored = await hashPassword("maple syrup morning");
    expect(await verifyPassword("maple syrup morning", stored)).toBe(true);
    expect(await verifyPassword("maple syrup mornings", stored)).toBe(false);
    expect(await verifyPassword("Maple syrup morning", stored)).toBe(false);
  });

  it("stores the settings, salt and hash, never the password", async () => {
    const stored = await hashPassword("maple syrup morning");
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("maple");
    const [, , , , salt, hash] = stored.split("$");
    expect(Buffer.from(salt ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(hash ?? "", "base64")).toHaveLength(32);
  });

  it("gives two different hashes for the same password", async () => {
    const [first, second] = await Promise.all([hashPassword("maple syrup morning"), hashPassword("maple syrup morning")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("maple syrup morning", second ?? "")).toBe(true);
  });

  it("refuses a stored hash that has been tampered with", async () => {
    const stored = await hashPassword("maple syrup morning");
    const parts = stored.split("$");
    const hash = Buffer.from(parts[5] ?? "", "base64");
    hash[0] = (hash[0] ?? 0) ^ 1;
    const flippedBit = [...parts.slice(0, 5), hash.toString("base64")].join("$");
    const otherCost = stored.replace("scrypt$1024$", "scrypt$2048$");
    expect(await verifyPassword("maple syrup morning", flippedBit)).toBe(false);
    expect(await verifyPassword("maple syrup morning", otherCost)).toBe(false);
    expect(await verifyPassword("maple syrup morning", stored.replace("scrypt$", "bcrypt$"))).toBe(false);
    expect(await verifyPassword("maple syrup morning", "")).toBe(false);
  });

  it("refuses a stored hash that asks for an unreasonable amount of memory", async () => {
    const stored = await hashPassword("maple syrup morning");
    expect(await verifyPassword("maple syrup morning", stored.replace("scrypt$1024$8$", "scrypt$1048576$64$"))).toBe(false);
  });

  it("matches an accented password typed in either Unicode form", async () => {
    const composed = "café au lait please";
    const stored = await hashPassword(composed);
    expect(await verifyPassword(composed.normalize("NFD"), stored)).toBe(true);
  });

  it("says a hash needs replacing once the cost setting changes", async () => {
    const stored = await hashPassword("maple syrup morning");
    expect(needsRehash(stored)).toBe(false);
    process.env.PASSWORD_HASH_COST_LOG2 = "11";
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash("not a hash")).toBe(true);
  });

  it("fails a sign-in for an account that does not exist", async () => {
    expect(await dummyVerify("maple syrup morning")).toBe(false);
  });

  it("refuses a cost setting below the minimum rather than hashing weakly", async () => {
    process.env.PASSWORD_HASH_COST_LOG2 = "9";
    await expect(hashPassword("maple syrup morning")).rejects.toThrow(/PASSWORD_HASH_COST_LOG2/);
  });

  it("uses N = 2^17 when no cost is set", async () => {
    delete process.env.PASSWORD_HASH_COST_LOG2;
    const stored = await hashPassword("maple syrup morning");
    expect(stored.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await verifyPassword("maple syrup morning", stored)).toBe(true);
  }, 20_000);
});
