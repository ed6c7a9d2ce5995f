import { describe, inject, it } from "vitest";

/** True in the `integration-pg` run, where the app talks to PostgreSQL. */
export const onPostgres = inject("databaseKind") === "postgres";

const skipped = (name: string) => `${name} (skipped on PostgreSQL: it is about the SQLite file itself)`;

/** `it` for a test about the SQLite file itself (copies, backups, read-only files): skipped on PostgreSQL, saying why. */
export function itOnSqliteFile(name: string, fn: () => unknown, timeout?: number): void {
  if (onPostgres) it.skip(skipped(name), fn, timeout);
  else it(name, fn, timeout);
}

/** `describe` for a block of such tests. */
export function describeOnSqliteFile(name: string, fn: () => void): void {
  if (onPostgres) describe.skip(skipped(name), fn);
  else describe(name, fn);
}
