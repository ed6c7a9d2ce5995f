import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_PATH = "data/care-portfolio.sqlite";

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** Opens the embedded SQLite database with the settings a portfolio of record needs. */
export function openSqlite(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Writes are few and a sign-off must survive power loss, so pay for a full sync on every commit.
  sqlite.pragma("synchronous = FULL");
  return sqlite;
}

export function createDb(file: string = databasePath()): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}
