/**
 * What the migrations spell differently on SQLite and PostgreSQL (ADR 0013). On SQLite every helper gives exactly
 * what the migrations said before PostgreSQL was supported, so existing databases and their schema stay the same.
 */
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from "kysely";
import type { DialectName } from "../connection";

type AnyDb = Kysely<any>;
type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** The database a migration is being run on: it is handed the connection, so it asks that. */
export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A surrogate key numbered by the database: AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function generatedId(db: AnyDb): ColumnBuilder {
  return dialectOf(db) === "postgres"
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
}

/** An 8-byte integer column (milliseconds since 1970 need more than 4): SQLite's INTEGER is one, PostgreSQL's is not. */
export function bigIntegerType(db: AnyDb): "integer" | "bigint" {
  return dialectOf(db) === "postgres" ? "bigint" : "integer";
}

/** An 8-byte floating-point column: SQLite's REAL is one, PostgreSQL's `real` has only 4 bytes. */
export function floatType(db: AnyDb): "real" | "double precision" {
  return dialectOf(db) === "postgres" ? "double precision" : "real";
}

/**
 * A trigger that refuses a change to a table with `message`, unless `allowedWhen` (a condition on OLD and NEW rows
 * with no subquery) holds. SQLite raises in the trigger body; PostgreSQL calls one shared plpgsql function.
 */
export async function refuseChange(
  db: AnyDb,
  trigger: { name: string; table: string; on: "UPDATE" | "DELETE"; message: string; allowedWhen?: string },
): Promise<void> {
  const { name, table, on, message, allowedWhen } = trigger;
  if (dialectOf(db) === "sqlite") {
    const when = allowedWhen ? `\n    WHEN NOT (${allowedWhen})` : "";
    await sql
      .raw(`CREATE TRIGGER ${name} BEFORE ${on} ON ${table}${when}\n    BEGIN SELECT RAISE(ABORT, '${message}'); END`)
      .execute(db);
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$`.execute(db);
  const when = allowedWhen ? ` WHEN (NOT (${allowedWhen}))` : "";
  await sql
    .raw(
      `CREATE TRIGGER ${name} BEFORE ${on} ON ${table} FOR EACH ROW${when} EXECUTE FUNCTION refuse_change('${message}')`,
    )
    .execute(db);
}

/** Removes a trigger (PostgreSQL names the table a trigger is on). */
export async function dropTrigger(db: AnyDb, name: string, table: string): Promise<void> {
  await sql.raw(dialectOf(db) === "postgres" ? `DROP TRIGGER ${name} ON ${table}` : `DROP TRIGGER ${name}`).execute(db);
}
