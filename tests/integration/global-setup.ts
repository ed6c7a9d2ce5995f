/**
 * Migrates one template database before the integration suite starts; each test file then copies it (setup.ts)
 * instead of running every migration again. The `integration` project uses a SQLite file; `integration-pg` (only
 * when TEST_DATABASE_URL is set) a PostgreSQL template database, copied with CREATE DATABASE ... TEMPLATE.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { databaseUrlOn, onServer, quoteName, testServerUrl, uniqueDatabaseName } from "./postgres";
import { testTempDir } from "../support/temp-dir";

export type DatabaseKind = "sqlite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: DatabaseKind;
    /** The SQLite template file, or the PostgreSQL template database's name. */
    templateDatabase: string;
  }
}

async function migrateSqliteTemplate(project: TestProject) {
  const dir = testTempDir("care-portfolio-template-");
  const file = path.join(dir, "template.sqlite");
  const db = createDb(file);
  await migrateToLatest(db);
  // Closing the last connection folds the write-ahead log into the file, so the one file is the whole database.
  await db.destroy();
  project.provide("databaseKind", "sqlite");
  project.provide("templateDatabase", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

async function migratePostgresTemplate(project: TestProject, serverUrl: string) {
  const name = uniqueDatabaseName("care_portfolio_template");
  await onServer(serverUrl, `CREATE DATABASE ${quoteName(name)}`);
  const db = createDb(undefined, { DATABASE_URL: databaseUrlOn(serverUrl, name) });
  await migrateToLatest(db);
  // A template cannot be copied while anyone is connected to it.
  await db.destroy();
  project.provide("databaseKind", "postgres");
  project.provide("templateDatabase", name);
  return () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`);
}

export default async function migrateTemplate(project: TestProject) {
  if (project.name !== "integration-pg") return migrateSqliteTemplate(project);
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error("The integration-pg project needs TEST_DATABASE_URL");
  return migratePostgresTemplate(project, serverUrl);
}
