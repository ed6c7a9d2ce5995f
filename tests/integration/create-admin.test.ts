import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { attemptSignIn } from "~/models/credentials.server";
import { getDb } from "~/lib/db.server";

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

describe("npm run create-admin", () => {
  it("creates an administrator who can sign in, and refuses a weak password or a taken email", async () => {
    const weak = await createAdmin(["--name", "Sam Jones", "--email", "sam.jones@test.example"], "password");
    expect(weak.code).toBe(1);
    expect(weak.out).toContain("Password must be 12 characters or more");
    const guessable = await createAdmin(
      ["--name", "Sam Jones", "--email", "sam.jones@test.example"],
      "Jones-Care-2026",
    );
    expect(guessable.code).toBe(1);
    expect(guessable.out).toContain(
      "This password would be easy to guess. It uses your name, your email address, your PCN's name or the name of this service.",
    );
    const common = await createAdmin(["--name", "Sam Jones", "--email", "sam.jones@test.example"], "password12345");
    expect(common.out).toContain("This is similar to a commonly used password.");

    const ok = await createAdmin(
      ["--name", "Sam Jones", "--email", "sam.jones@test.example"],
      "four random words here",
    );
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

    const again = await createAdmin(
      ["--name", "Sam Again", "--email", "SAM.JONES@test.example"],
      "four random words here",
    );
    expect(again.code).toBe(1);
    expect(again.out).toContain("Someone already has the email address");
  }, 60_000);
});
