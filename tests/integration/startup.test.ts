/**
 * Start-up refuses settings and content a deployment can fix, with a plain message. The checks run in-process;
 * one real start of server/index.ts shows the message reaches stderr and the process exits 1.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The start-up checks as a fresh process would run them, with these settings. */
async function problemWith(settings: Record<string, string>) {
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  vi.resetModules();
  const { startupProblem } = await import("../../server/startup-checks");
  return startupProblem();
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("server start-up", () => {
  it("has nothing to say about the settings and content it ships with", async () => {
    expect(await problemWith({ CONTENT_DIR: path.join(ROOT, "content") })).toBeNull();
  });

  it("refuses broken content, naming the file, the field and the problem", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-content-"));
    fs.cpSync(path.join(ROOT, "content"), dir, { recursive: true });
    const rolesFile = path.join(dir, "roles.json");
    const roles = JSON.parse(fs.readFileSync(rolesFile, "utf8"));
    delete roles.roles[1].title;
    fs.writeFileSync(rolesFile, JSON.stringify(roles));
    const problem = await problemWith({ CONTENT_DIR: dir });
    expect(problem).toContain("Care Portfolio cannot start: the content files have problems.\n");
    expect(problem).toContain(`${rolesFile}: roles[1].title: required field is missing`);
  });

  it("refuses a TRUST_PROXY it cannot read, naming the variable; the real server exits 1 saying so", async () => {
    const expected =
      'Care Portfolio cannot start: a setting is wrong.\nTRUST_PROXY: "one hop" is not a number of proxy hops';
    expect(await problemWith({ TRUST_PROXY: "one hop" })).toContain(expected);

    const result = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["server/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", TRUST_PROXY: "one hop" },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expected);
  }, 40_000);
});
