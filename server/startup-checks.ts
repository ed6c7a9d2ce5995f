import { ContentError, getContent } from "../app/content/index.server";
import { getDb } from "../app/lib/db.server";
import { env, EnvError } from "../app/lib/env.server";
import { appliedMigrations, MIGRATION_NAMES } from "../db/migrate";

/**
 * Problems a deployment can fix, worded for whoever starts the server, so start-up stops with a plain message rather
 * than a page failing later. Null when the settings and the content files are sound.
 */
export function startupProblem(): string | null {
  try {
    env();
    getContent();
    return null;
  } catch (error) {
    if (error instanceof EnvError) return `Care Portfolio cannot start: a setting is wrong.\n${error.message}`;
    if (error instanceof ContentError)
      return `Care Portfolio cannot start: the content files have problems.\n${error.message}`;
    throw error;
  }
}

/**
 * The database must have had every migration this version knows (`npm start` and `npm run setup` apply them): on
 * an older schema the first page that needs a newer table would fail, and the rollup refresh at start-up at once.
 * A database that cannot be reached is not refused here: /healthz says so, and the server answers once it is back.
 */
export async function migrationProblem(): Promise<string | null> {
  let applied: Set<string>;
  try {
    applied = await appliedMigrations(getDb());
  } catch {
    return null;
  }
  const missing = MIGRATION_NAMES.filter((name) => !applied.has(name));
  if (!missing.length) return null;
  return (
    `Care Portfolio cannot start: the database lacks ${missing.length} of this version's migrations ` +
    `(${missing[0]}${missing.length > 1 ? ` to ${missing.at(-1)}` : ""}).\n` +
    "Run npm run db:migrate (where the development packages are installed: docs/deployment.md), then start again."
  );
}
