import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import type { Database } from "./schema";

/** Settings as environment variables: DATABASE_PATH, DATABASE_URL and DATABASE_POOL_SIZE are read here. */
export type DatabaseEnv = Record<string, string | undefined>;

export const DEFAULT_DATABASE_PATH = "data/care-portfolio.sqlite";

export function databasePath(env: DatabaseEnv = process.env): string {
  return path.resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** The PostgreSQL server to use instead of the embedded SQLite file, when DATABASE_URL is set (ADR 0013). */
export function databaseUrl(env: DatabaseEnv = process.env): string | undefined {
  return env.DATABASE_URL || undefined;
}

/** Where the data is, for messages: the SQLite file, or the PostgreSQL server without its password. */
export function databaseLabel(env: DatabaseEnv = process.env): string {
  const url = databaseUrl(env);
  if (!url) return databasePath(env);
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
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

/**
 * Transactions that take SQLite's write lock when they begin. A plain (deferred) transaction that reads and then
 * writes fails at once with "database is locked", whatever the busy timeout, if another process (a second app
 * process, a job script) wrote in between; taking the lock first makes it wait its turn instead.
 */
class WriteLockFirstDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class WriteLockFirstDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new WriteLockFirstDriver(this.#config);
  }
}

const PG_BOOL = 16;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * PostgreSQL values read the way SQLite gives them, so models read the same thing from either: counts and sums
 * (int8, numeric) as numbers rather than strings, and comparisons (boolean) as 1 or 0. Dates are text columns on
 * both, so they need nothing.
 */
const sqliteLikeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    if (oid === PG_BOOL) return (value: string) => (value === "t" ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** pg-cursor parses rows with its own type parsers, not the pool's: streamed rows must read the same as the rest. */
class SqliteLikeCursor<T> extends Cursor<T> {
  constructor(text: string, values?: unknown[]) {
    super(text, values, { types: sqliteLikeTypes });
  }
}

/** A pool of connections to a PostgreSQL server; `DATABASE_POOL_SIZE` bounds it per app process. */
export function openPostgresPool(url: string, env: DatabaseEnv = process.env): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(env.DATABASE_POOL_SIZE) || 10,
    types: sqliteLikeTypes,
  });
  // An idle connection the server ends (a restart, a failover) must not end the app: the pool opens a new one.
  pool.on("error", (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
  return pool;
}

/**
 * The one place that decides which database the app talks to: PostgreSQL when DATABASE_URL is set, otherwise the
 * SQLite file at DATABASE_PATH (or `file`). Everything else is handed the Kysely<Database> this returns.
 */
export function createDb(file?: string, env: DatabaseEnv = process.env): Kysely<Database> {
  const url = file === undefined ? databaseUrl(env) : undefined;
  if (url)
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: openPostgresPool(url, env), cursor: SqliteLikeCursor }),
    });
  return new Kysely<Database>({
    dialect: new WriteLockFirstDialect({ database: openSqlite(file ?? databasePath(env)) }),
  });
}

/** The kind of database a Kysely instance (or one of its transactions) talks to. */
export type DialectName = "sqlite" | "postgres";

/** Which database this process uses: one process talks to one database, chosen by DATABASE_URL. */
export function processDialect(env: DatabaseEnv = process.env): DialectName {
  return databaseUrl(env) ? "postgres" : "sqlite";
}
