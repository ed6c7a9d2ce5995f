/**
 * SQLite settings and index handling for the scale seed's bulk load only: a new file that is thrown away if the load
 * fails needs no journal or sync, and building each index once from sorted rows after the load is many times faster
 * than keeping it up to date row by row (audit_log alone has four). The app's own settings (db/connection.ts) and
 * every index its migrations made are back before the file is handed over.
 */
import type SQLite from "better-sqlite3";

/** An index the migrations made, as SQLite recorded its CREATE statement. */
interface IndexDefinition {
  name: string;
  sql: string;
}

/** Memory for the page cache and sorts during the load (about 1 GB): the index builds sort millions of rows. */
const BULK_CACHE_KIB = 1_048_576;

export function useBulkLoadSettings(sqlite: SQLite.Database): void {
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  sqlite.pragma("temp_store = MEMORY");
  // Every row is made valid by construction (tests/integration/seed-scale.test.ts runs foreign_key_check on a
  // small data set): a parent lookup per row would only slow the load.
  sqlite.pragma("foreign_keys = OFF");
}

/** Back to the settings openSqlite gives the app. */
export function useAppSettings(sqlite: SQLite.Database): void {
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("cache_size = -2000");
  sqlite.pragma("temp_store = DEFAULT");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
}

/**
 * Drops every index the migrations created by name (not the ones behind a primary key or UNIQUE column, which SQLite
 * cannot drop), returning their definitions for `createIndexes`.
 */
export function dropIndexes(sqlite: SQLite.Database): IndexDefinition[] {
  const indexes = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
    .all() as IndexDefinition[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return indexes;
}

/** Builds the indexes `dropIndexes` took away, exactly as the migrations defined them (unique ones check again). */
export function createIndexes(sqlite: SQLite.Database, indexes: readonly IndexDefinition[]): void {
  for (const index of indexes) sqlite.exec(index.sql);
}
