import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/** The person_standings columns the dashboard filters on: each is an index range instead of a scan of everyone. */
const FILTER_COLUMNS = [
  "readiness",
  "job_role",
  "supervision_state",
  "unverified",
  "training_expired",
  "training_expiring",
  "training_missing",
] as const;

/**
 * National scale, continued (issue 12):
 * - `scope_standings` keeps the figures of the whole deployment ("all") and of each integrated care system
 *   ("ics:<name>"), kept up to date with the PCNs' figures (app/models/scope-figures.server.ts), so the admin
 *   dashboard reads one row instead of adding up every PCN's.
 * - The dashboard's filters are index ranges, and a filtered view counts requirement states from an index alone.
 * - People are listed by name from an index, in one PCN or in all.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("scope_standings")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("figures_json", "text", (c) => c.notNull())
    .execute();
  for (const column of FILTER_COLUMNS)
    await db.schema
      .createIndex(`person_standings_${column}`)
      .on("person_standings")
      .columns([column, "pcn_id"])
      .execute();
  await db.schema
    .createIndex("person_requirement_states_cover")
    .on("person_requirement_states")
    .columns(["user_id", "requirement_id", "state"])
    .execute();
  // Everyone by name (the audit page's list of people), the people list's current staff by name and their count,
  // and one PCN's people by name.
  await db.schema.createIndex("users_name").on("users").columns(["name", "id"]).execute();
  await db.schema.createIndex("users_listed").on("users").columns(["purged_at", "active", "name", "id"]).execute();
  await db.schema.createIndex("users_pcn_name").on("users").columns(["pcn_id", "name", "id"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const index of ["users_pcn_name", "users_listed", "users_name", "person_requirement_states_cover"])
    await db.schema.dropIndex(index).execute();
  for (const column of FILTER_COLUMNS) await db.schema.dropIndex(`person_standings_${column}`).execute();
  await db.schema.dropTable("scope_standings").execute();
}
