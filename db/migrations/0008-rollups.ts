import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/**
 * Rollups (issue 12): each member of staff's standing, and each PCN's figures, kept up to date in the transaction
 * that changes their records, so the dashboards, the readiness API and the CSV read them instead of working out the
 * nation per request. The app fills them (app/models/rollups.server.ts): on first use after this migration, after
 * a change of content or settings, and with `npm run rollups:rebuild`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("person_standings")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id"))
    .addColumn("pcn_id", "integer", (c) => c.references("pcns.id"))
    .addColumn("job_role", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_name", "text", (c) => c.notNull())
    .addColumn("readiness", "text", (c) => c.notNull())
    .addColumn("readiness_rank", "integer", (c) => c.notNull())
    .addColumn("blockers_json", "text", (c) => c.notNull())
    .addColumn("awaiting_json", "text", (c) => c.notNull())
    .addColumn("training_valid", "integer", (c) => c.notNull())
    .addColumn("training_expiring", "integer", (c) => c.notNull())
    .addColumn("training_in_progress", "integer", (c) => c.notNull())
    .addColumn("training_expired", "integer", (c) => c.notNull())
    .addColumn("training_missing", "integer", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull())
    .addColumn("recorded", "integer", (c) => c.notNull())
    .addColumn("unverified", "integer", (c) => c.notNull())
    .addColumn("supervision_state", "text", (c) => c.notNull())
    .addColumn("supervision_due_on", "text", (c) => c.notNull())
    .addColumn("supervision_sort", "text", (c) => c.notNull())
    .addColumn("signed_off", "integer", (c) => c.notNull())
    .addColumn("cpd_hours", "double precision", (c) => c.notNull())
    .addColumn("expiries_json", "text", (c) => c.notNull())
    .addColumn("computed_on", "text", (c) => c.notNull())
    .addColumn("stale_on", "text")
    .execute();
  await db.schema.createIndex("person_standings_pcn").on("person_standings").columns(["pcn_id", "sort_name"]).execute();
  await db.schema.createIndex("person_standings_name").on("person_standings").columns(["name", "user_id"]).execute();
  await db.schema
    .createIndex("person_standings_sort")
    .on("person_standings")
    .columns(["sort_name", "user_id"])
    .execute();
  await db.schema.createIndex("person_standings_stale").on("person_standings").column("stale_on").execute();
  await db.schema.createIndex("person_standings_computed").on("person_standings").column("computed_on").execute();

  await db.schema
    .createTable("person_requirement_states")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("requirement_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("person_requirement_states_pk", ["user_id", "requirement_id"])
    .execute();

  // pcn_key is the PCN's id, or 0 for staff in no PCN.
  await db.schema
    .createTable("pcn_standings")
    .addColumn("pcn_key", "integer", (c) => c.primaryKey())
    .addColumn("figures_json", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("rollup_meta")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["rollup_meta", "pcn_standings", "person_requirement_states", "person_standings"]) {
    await db.schema.dropTable(table).execute();
  }
}
