/**
 * The few things SQLite and PostgreSQL spell differently (ADR 0013). Everything else is written once with Kysely's
 * builders; what is here is chosen per database so the models above read the same values from either.
 */
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";
import { processDialect } from "./connection";
import type { Database } from "./schema";

/** Where `needle` first occurs in `haystack`, counting from 1; 0 when it does not occur. */
export function textPosition(haystack: Expression<string>, needle: Expression<string>): RawBuilder<number> {
  return processDialect() === "postgres"
    ? sql<number>`strpos(${haystack}, ${needle})`
    : sql<number>`instr(${haystack}, ${needle})`;
}

/** One top-level field of a JSON text column, as text or as an integer (null when the column or field is). */
export function jsonField<T extends "text" | "integer">(
  column: string,
  key: string,
  as: T,
): RawBuilder<(T extends "integer" ? number : string) | null> {
  type Value = (T extends "integer" ? number : string) | null;
  if (processDialect() === "sqlite") return sql<Value>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`;
  const text = sql<Value>`(cast(${sql.ref(column)} as json) ->> ${sql.lit(key)})`;
  return as === "integer" ? sql<Value>`cast(${text} as integer)` : text;
}

/**
 * Locks the rows a read-then-write reads until its transaction ends, so two requests cannot both act on what they
 * read. PostgreSQL runs transactions side by side and needs a row lock; SQLite lets one writer in at a time (and has
 * no FOR UPDATE), so there the query is left as it is. Use with `.$call(lockForUpdate)`.
 *
 * FOR NO KEY UPDATE rather than FOR UPDATE: it keeps out every other locker just the same, but lets other
 * transactions insert rows that refer to the locked one (a foreign key check takes FOR KEY SHARE). With FOR UPDATE,
 * a sign-off holding a person's row and waiting for the rollups lock (lockUntilCommit) deadlocked with the
 * transaction holding that lock, which was storing the same person's standing.
 */
export function lockForUpdate<Q extends { forNoKeyUpdate(): unknown }>(query: Q): Q {
  return processDialect() === "postgres" ? (query.forNoKeyUpdate() as Q) : query;
}

/**
 * Makes the transactions that take the lock of this name run the rest of their work one at a time, each seeing what
 * the one before committed: a transaction-scoped advisory lock on PostgreSQL, held until commit or rollback (taking
 * it again in the same transaction is free). On SQLite a transaction already writes alone (`begin immediate`), so
 * there it does nothing.
 */
export async function lockUntilCommit(trx: Kysely<Database>, name: string): Promise<void> {
  // The database at hand rather than the process's: the scale seed rebuilds the rollups of a SQLite file while
  // DATABASE_URL names the PostgreSQL database it will copy them into.
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
