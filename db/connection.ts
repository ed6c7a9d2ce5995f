import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
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

/** How many statements a SQLite connection has prepared, run again from its cache, and keeps now. */
export interface StatementCounts {
  prepared: number;
  reused: number;
  cached: number;
}

/** Enough for every distinct query the app runs (a few hundred), so a busy server prepares none after warming up. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The one connection to the SQLite file, keeping the statements it prepares by their SQL text: Kysely's own
 * connection prepares every query again on every run, which cost more CPU than many of the queries themselves.
 * The cache forgets the least recently used statement past STATEMENT_CACHE_SIZE. A statement still being iterated
 * (a streamed query) cannot run anything else until it finishes, so a query with the same text meanwhile gets a
 * statement of its own.
 */
class StatementCachingConnection implements DatabaseConnection {
  readonly #sqlite: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();
  readonly #counts = { prepared: 0, reused: 0 };

  constructor(sqlite: SQLite.Database) {
    this.#sqlite = sqlite;
  }

  counts(): StatementCounts {
    return { ...this.#counts, cached: this.#statements.size };
  }

  #statement(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached && !cached.busy) {
      // Moved to the end: the Map's first key is always the least recently used.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      this.#counts.reused++;
      return cached;
    }
    const statement = this.#sqlite.prepare(sql);
    this.#counts.prepared++;
    if (!cached) {
      this.#statements.set(sql, statement);
      if (this.#statements.size > STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    return statement;
  }

  async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#statement(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
  }

  async *streamQuery<R>({ sql, parameters, query }: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query)) throw new Error("Sqlite driver only supports streaming of select queries");
    for (const row of this.#statement(sql).iterate(parameters)) yield { rows: [row as R] };
  }
}

/**
 * Kysely's SQLite driver with the caching connection above, and transactions that take SQLite's write lock when
 * they begin. A plain (deferred) transaction that reads and then writes fails at once with "database is locked",
 * whatever the busy timeout, if another process (a second app process, a job script) wrote in between; taking the
 * lock first makes it wait its turn instead.
 */
class AppSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  readonly #connection: StatementCachingConnection;
  constructor(sqlite: SQLite.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#connection = new StatementCachingConnection(sqlite);
  }
  override async init(): Promise<void> {}
  override async acquireConnection(): Promise<DatabaseConnection> {
    // The base driver's lock lets one query or transaction at a time use the one connection (releaseConnection
    // frees it); the connection it hands back is its own, unused here.
    await super.acquireConnection();
    return this.#connection;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
  override async destroy(): Promise<void> {
    this.#sqlite.close();
  }
}

class AppSqliteDialect extends SqliteDialect {
  readonly #sqlite: SQLite.Database;
  constructor(sqlite: SQLite.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }
  override createDriver(): SqliteDriver {
    return new AppSqliteDriver(this.#sqlite);
  }
}

/** The statement counts of a Kysely instance's SQLite connection; null on PostgreSQL, which has no such cache. */
export function statementCounts<DB>(db: Kysely<DB>): Promise<StatementCounts | null> {
  return db
    .getExecutor()
    .provideConnection(async (connection) =>
      connection instanceof StatementCachingConnection ? connection.counts() : null,
    );
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
    dialect: new AppSqliteDialect(openSqlite(file ?? databasePath(env))),
  });
}

/** The kind of database a Kysely instance (or one of its transactions) talks to. */
export type DialectName = "sqlite" | "postgres";

/** Which database this process uses: one process talks to one database, chosen by DATABASE_URL. */
export function processDialect(env: DatabaseEnv = process.env): DialectName {
  return databaseUrl(env) ? "postgres" : "sqlite";
}
