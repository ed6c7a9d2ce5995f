import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { testTempDir } from "./temp-dir";

// Each test file gets its own copy of the migrated template database; the app's db singleton opens it on first use.
const dir = testTempDir("care-portfolio-test-");
process.env.DATABASE_PATH = path.join(dir, "test.sqlite");
process.env.DATA_DIR = dir;
fs.copyFileSync(inject("templateDatabase"), process.env.DATABASE_PATH);
// Full-strength scrypt costs ~100 ms a hash; tests hash hundreds of passwords, so they use a cheaper setting.
process.env.PASSWORD_HASH_COST_LOG2 ??= "12";

afterAll(async () => {
  const { getDb } = await import("~/lib/db.server");
  await getDb().destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});
