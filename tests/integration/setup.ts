import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

// Each test file gets its own fresh database file; the app's db singleton opens it on first use.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.sqlite");
process.env.DATA_DIR = dir;
// Full-strength scrypt costs ~100 ms a hash; tests hash hundreds of passwords, so they use a cheaper setting.
process.env.PASSWORD_HASH_COST_LOG2 ??= "12";

beforeAll(async () => {
  const { getDb } = await import("~/lib/db.server");
  const { migrateToLatest } = await import("../../db/migrate");
  await migrateToLatest(getDb());
});

afterAll(async () => {
  const { getDb } = await import("~/lib/db.server");
  await getDb().destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});
