/**
 * Copies a data set the scale seed built (a SQLite file) into a PostgreSQL database, so the bench can measure the
 * same national data on PostgreSQL (issue 12). The schema comes from the app's own migrations run on PostgreSQL;
 * then every table's rows are copied as they are, ids included, and the identity columns carry on after them.
 *
 * better-sqlite3 and pg are used directly, not Kysely: about eleven million rows go across at scale 1, a few
 * thousand a statement as column arrays (`INSERT ... SELECT * FROM unnest(...)`). As in the SQLite load, the
 * secondary indexes are built once after the rows are in, and reference checks are off while the rows go in
 * (`session_replication_role = replica`, which needs a superuser: this is a bench loader for a throwaway server,
 * not a way to move a live deployment). Every reference was checked in the SQLite file before it was handed over.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import { createDb } from "../../../db/connection";
import { migrateToLatest } from "../../../db/migrate";
import type { Progress } from "./progress";

/** Rows per INSERT: each column goes as one array parameter, so a statement stays a few megabytes. */
const ROWS_PER_INSERT = 5_000;
/** Kysely's own bookkeeping: PostgreSQL's copy was written by its own migration run. */
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

export interface PostgresCopyOptions {
  /** The SQLite data set to copy. */
  file: string;
  url: string;
  /** Replace whatever the database's public schema holds (otherwise refuse if it holds any table). */
  force: boolean;
  progress: Progress;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function copyIntoPostgres(options: PostgresCopyOptions): Promise<Record<string, number>> {
  const { progress } = options;
  const sqlite = new SQLite(options.file, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await emptySchema(client, options.force);
    progress.step("migrating the PostgreSQL database");
    const db = createDb(undefined, { DATABASE_URL: options.url });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    const columnTypes = await postgresColumnTypes(client);
    const indexes = await dropPostgresIndexes(client);
    progress.step("copying the rows into PostgreSQL");
    await client.query("SET session_replication_role = replica");
    const counts: Record<string, number> = {};
    for (const table of sqliteTables(sqlite)) {
      counts[table] = await copyTable(sqlite, client, table, columnTypes, progress);
    }
    progress.report();
    await client.query("SET session_replication_role = DEFAULT");
    progress.step("building PostgreSQL indexes");
    for (const definition of indexes) await client.query(definition);
    await continueIdentities(client);
    // VACUUM as well, as after any bulk load: it marks the new pages all-visible, so index-only scans need not read
    // the table, and the first readers do not rewrite every page to set its hint bits.
    progress.step("VACUUM ANALYZE (PostgreSQL)");
    await client.query("VACUUM ANALYZE");
    return counts;
  } finally {
    await client.end();
    sqlite.close();
  }
}

async function emptySchema(client: pg.Client, force: boolean): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
  );
  if (rows[0]!.n === 0) return;
  if (!force) throw new Error("The PostgreSQL database already has tables: add --force to replace them");
  await client.query("DROP SCHEMA public CASCADE");
  await client.query("CREATE SCHEMA public");
}

/** The data set's tables in the order the migrations made them. */
function sqliteTables(sqlite: SQLite.Database): string[] {
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
    .pluck()
    .all() as string[];
  return names.filter((name) => !MIGRATION_TABLES.has(name));
}

/** Each PostgreSQL column's type name (int4, text, float8...), by table and column, for the array casts. */
async function postgresColumnTypes(client: pg.Client): Promise<Map<string, Map<string, string>>> {
  const { rows } = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    "SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const types = new Map<string, Map<string, string>>();
  for (const row of rows) {
    if (!types.has(row.table_name)) types.set(row.table_name, new Map());
    types.get(row.table_name)!.set(row.column_name, row.udt_name);
  }
  return types;
}

/** Drops the indexes that back no constraint (keys and unique constraints stay), returning how to build them. */
async function dropPostgresIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const row of rows) await client.query(`DROP INDEX ${quote(row.indexname)}`);
  return rows.map((r) => r.indexdef);
}

async function copyTable(
  sqlite: SQLite.Database,
  client: pg.Client,
  table: string,
  columnTypes: Map<string, Map<string, string>>,
  progress: Progress,
): Promise<number> {
  const types = columnTypes.get(table);
  if (!types) throw new Error(`PostgreSQL has no table ${table}: are both databases at the same migration?`);
  const columns = (sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
  const missing = columns.filter((c) => !types.has(c));
  if (missing.length) throw new Error(`PostgreSQL's ${table} has no column ${missing.join(", ")}`);
  const total = sqlite
    .prepare(`SELECT count(*) FROM ${quote(table)}`)
    .pluck()
    .get() as number;
  progress.expect(table, total, true);
  const insert = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")})
    SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(", ")})`;
  const rows = sqlite
    .prepare(`SELECT ${columns.map(quote).join(", ")} FROM ${quote(table)} ORDER BY rowid`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let batch: unknown[][] = columns.map(() => []);
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    await client.query(insert, batch);
    batch = columns.map(() => []);
    size = 0;
  };
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 1) batch[i]!.push(row[i]);
    size += 1;
    progress.count(table);
    if (size === ROWS_PER_INSERT) await flush();
  }
  await flush();
  return total;
}

/** Identity columns carry on after the highest id copied, so the app's next insert gets a new one. */
async function continueIdentities(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
      [quote(table), column],
    );
  }
}
