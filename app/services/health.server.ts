import fs from "node:fs";
import { sql } from "kysely";
import { appliedMigrations, MIGRATION_NAMES } from "../../db/migrate";
import { contentDir, loadContent } from "~/content/index.server";
import type { DB } from "~/lib/db.server";

export type CheckName = "database" | "migrations" | "content" | "disk";
export interface Health {
  healthy: boolean;
  checks: Record<CheckName, "ok" | "fail">;
}

class Rollback extends Error {}

/** A real write that is then rolled back: a read-only file, a full disk or a held lock all fail it. */
async function databaseWritable(db: DB): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`update kysely_migration_lock set is_locked = is_locked`.execute(trx);
      throw new Rollback();
    });
  } catch (error) {
    return error instanceof Rollback;
  }
  return false;
}

/** The database has had exactly the migrations this version of the app knows: none missing, none newer. */
async function migrationsCurrent(db: DB): Promise<boolean> {
  const applied = await appliedMigrations(db);
  return applied.size === MIGRATION_NAMES.length && MIGRATION_NAMES.every((name) => applied.has(name));
}

/** Read again from disk: content edited since start-up would stop the next start. */
function contentValid(): boolean {
  loadContent(contentDir());
  return true;
}

function diskHasRoom(dataDir: string, minFreeMb: number): boolean {
  const stats = fs.statfsSync(dataDir);
  return (stats.bavail * stats.bsize) / (1024 * 1024) >= minFreeMb;
}

async function passes(check: () => boolean | Promise<boolean>): Promise<"ok" | "fail"> {
  try {
    return (await check()) ? "ok" : "fail";
  } catch {
    return "fail";
  }
}

/** Whether this instance can serve and save: each check is pass or fail, with no detail a caller could misuse. */
export async function checkHealth(db: DB, settings: { dataDir: string; minFreeMb: number }): Promise<Health> {
  const checks = {
    database: await passes(() => databaseWritable(db)),
    migrations: await passes(() => migrationsCurrent(db)),
    content: await passes(contentValid),
    disk: await passes(() => diskHasRoom(settings.dataDir, settings.minFreeMb)),
  };
  return { healthy: Object.values(checks).every((c) => c === "ok"), checks };
}
