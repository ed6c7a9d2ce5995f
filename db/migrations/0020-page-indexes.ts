import { type Kysely, sql } from "kysely";

type AnyDb = Kysely<any>;

/**
 * Indexes for the light pages' own queries (issue 12):
 * - each item's latest accepted and submitted version, and when it was last submitted, are read from one index
 *   entry each instead of from every review row of the item: the evidence list, the competency page and the
 *   review queue ask this of every item they list;
 * - the audit trail's person filter lists the people not purged by name from an index of just them and just
 *   those columns, instead of looking each one's row up to check it, and counts them (up to a list's worth) the same way.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("evidence_reviews_latest")
    .on("evidence_reviews")
    .columns(["evidence_id", "action", "version", "at"])
    .execute();
  await db.schema
    .createIndex("users_choosable")
    .on("users")
    // purged_at too, though always null here: SQLite reads a partial index alone only if it holds every column
    // the query names.
    .columns(["name", "id", "purged_at"])
    .where(sql.ref("purged_at"), "is", null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("users_choosable").execute();
  await db.schema.dropIndex("evidence_reviews_latest").execute();
}
