import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function startServer(env: Record<string, string>) {
  return promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", ...env },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
}

describe("server start-up", () => {
  it("refuses to start on broken content, naming the file, the field and the problem", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-content-"));
    fs.cpSync(path.join(ROOT, "content"), dir, { recursive: true });
    const rolesFile = path.join(dir, "roles.json");
    const roles = JSON.parse(fs.readFileSync(rolesFile, "utf8"));
    delete roles.roles[1].title;
    fs.writeFileSync(rolesFile, JSON.stringify(roles));
    const result = await startServer({ CONTENT_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${rolesFile}: roles[1].title: required field is missing`);
  }, 40_000);

  it("refuses to start on a TRUST_PROXY it cannot read, naming the variable", async () => {
    const result = await startServer({ TRUST_PROXY: "one hop" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Care Portfolio cannot start: a setting is wrong.\nTRUST_PROXY: "one hop" is not a number of proxy hops',
    );
  }, 40_000);
});
