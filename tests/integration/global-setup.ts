/**
 * Migrates one template database before the integration suite starts; each test file then copies it (setup.ts)
 * instead of running every migration again.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { testTempDir } from "./temp-dir";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function migrateTemplate(project: TestProject) {
  const dir = testTempDir("care-portfolio-template-");
  const file = path.join(dir, "template.sqlite");
  const db = createDb(file);
  await migrateToLatest(db);
  // Closing the last connection folds the write-ahead log into the file, so the one file is the whole database.
  await db.destroy();
  project.provide("templateDatabase", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
