import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { attemptSignIn } from "~/models/credentials.server";
import { getDb } from "~/lib/db.server";
import { createAdministrator } from "../../scripts/lib/administrator";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

function createAdmin(args: string[], password: string) {
  const child = run(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/create-admin.ts", ...args, "--password-stdin"],
    { cwd: ROOT, env: process.env },
  );
  child.child.stdin!.end(`${password}\n`);
  return child.then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const sam = { name: "Sam Jones", email: "sam.jones@test.example" };

describe("npm run create-admin", () => {
  it("creates an administrator who can sign in", async () => {
    const ok = await createAdmin(["--name", sam.name, "--email", sam.email], "four random words here");
    expect(ok.out).toContain("Administrator Sam Jones <sam.jones@test.example> created");
    const roles = await getDb()
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select("role")
      .where("email_key", "=", "sam.jones@test.example")
      .execute();
    expect(roles).toEqual([{ role: "admin" }]);
    expect(
      (
        await attemptSignIn(getDb(), {
          email: "sam.jones@test.example",
          password: "four random words here",
          ip: "203.0.113.9",
        })
      ).ok,
    ).toBe(true);
  }, 60_000);

  it("refuses a weak password or a taken email", async () => {
    const problems = async (input: { name: string; email: string; password: string }) => {
      const result = await createAdministrator(getDb(), input);
      expect(result.ok).toBe(false);
      // What the script prints, one problem a line.
      return result.ok ? "" : result.problems.join("\n");
    };
    expect(await problems({ ...sam, password: "password" })).toContain("Password must be 12 characters or more");
    expect(await problems({ ...sam, password: "Jones-Care-2026" })).toContain(
      "This password would be easy to guess. It uses your name, your email address, your PCN's name or the name of this service.",
    );
    expect(await problems({ ...sam, password: "password12345" })).toContain(
      "This is similar to a commonly used password.",
    );
    expect(
      await problems({ name: "Sam Again", email: "SAM.JONES@test.example", password: "four random words here" }),
    ).toBe("Someone already has the email address SAM.JONES@test.example");
  });
});
