import type { Kysely } from "kysely";
import { fillAuditPeople, OWNER_COLUMNS } from "../audit-subjects";

type AnyDb = Kysely<any>;

/**
 * The audit trail pages by keyset, newest first by (at, id), and every filter the page offers is an index range:
 * all PCNs or one, a record type, who acted, a date range. "A person" (what they did and what was done to their
 * records) reads `audit_people`, one row per person an entry concerns, kept with the entry when it is written.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("audit_at").on("audit_log").columns(["at", "id"]).execute();
  await db.schema.createIndex("audit_entity_at").on("audit_log").columns(["entity", "at", "id"]).execute();
  await db.schema
    .createIndex("audit_pcn_entity_at")
    .on("audit_log")
    .columns(["pcn_id", "entity", "at", "id"])
    .execute();
  await db.schema.createIndex("audit_actor_at").on("audit_log").columns(["actor_id", "at", "id"]).execute();
  await db.schema
    .createTable("audit_people")
    .addColumn("person_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("audit_id", "integer", (c) => c.notNull().references("audit_log.id"))
    .addPrimaryKeyConstraint("audit_people_pk", ["person_id", "at", "audit_id"])
    .execute();
  // Only the kinds of record whose tables existed at this migration: later ones are filled as they are written.
  await fillAuditPeople(db, 0, OWNER_COLUMNS.slice(0, 6));
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("audit_people").execute();
  for (const index of ["audit_at", "audit_entity_at", "audit_pcn_entity_at", "audit_actor_at"])
    await db.schema.dropIndex(index).execute();
}
