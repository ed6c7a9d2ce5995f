import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { databaseUrlOn, onServer, quoteName, testServerUrl, uniqueDatabaseName } from "./postgres";
import { testTempDir } from "../support/temp-dir";

// Each test file gets its own copy of the migrated template database; the app's db singleton opens it on first use.
const dir = testTempDir("care-portfolio-test-");
process.env.DATABASE_PATH = path.join(dir, "test.sqlite");
process.env.DATA_DIR = dir;
// Full-strength scrypt costs ~100 ms a hash; tests hash hundreds of passwords, so they use a cheaper setting.
process.env.PASSWORD_HASH_COST_LOG2 ??= "12";

const serverUrl = testServerUrl();
const database = inject("databaseKind") === "postgres" && serverUrl ? uniqueDatabaseName("care_portfolio_test") : null;
if (database && serverUrl) {
  await onServer(serverUrl, `CREATE DATABASE ${quoteName(database)} TEMPLATE ${quoteName(inject("templateDatabase"))}`);
  process.env.DATABASE_URL = databaseUrlOn(serverUrl, database);
  // Several test files run at once, each with its own pool.
  process.env.DATABASE_POOL_SIZE ??= "4";
} else {
  delete process.env.DATABASE_URL;
  fs.copyFileSync(inject("templateDatabase"), process.env.DATABASE_PATH);
}

afterAll(async () => {
  const { getDb } = await import("~/lib/db.server");
  await getDb().destroy();
  if (database && serverUrl) await onServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteName(database)} WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
});
