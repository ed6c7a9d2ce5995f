import type { Kysely } from "kysely";
import { dialectOf } from "./portable";

type AnyDb = Kysely<any>;

/**
 * The renewal forecast of the whole deployment ("all") and of each integrated care system ("ics:<name>"), stored
 * (issue 12): how many people's required training lapses on each day, per requirement, kept up to date beside
 * `scope_standings` (app/models/scope-figures.server.ts). The admin dashboard then adds up a year of days instead of
 * counting the nation's 51,000 lapsing requirements on each request.
 *
 * And on SQLite, `/api/readiness` for the nation reads everyone's answer, by name, from one index instead of looking
 * each person's row up in the table (a third of that answer's time). Not on PostgreSQL, whose index entries are
 * limited to about 2.7 KB, which a long list of blockers could pass.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("scope_expiries")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("expires_on", "text", (c) => c.notNull())
    .addColumn("requirement_id", "text", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("scope_expiries_pk", ["scope", "expires_on", "requirement_id"])
    .execute();
  // The forecast reads a scope's year of days from this index alone.
  await db.schema
    .createIndex("scope_expiries_cover")
    .on("scope_expiries")
    .columns(["scope", "expires_on", "requirement_id", "people"])
    .execute();
  if (dialectOf(db) === "sqlite")
    await db.schema
      .createIndex("person_standings_answers")
      .on("person_standings")
      .columns(["name", "user_id", "pcn_id", "job_role", "readiness", "blockers_json", "awaiting_json"])
      .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("person_standings_answers").ifExists().execute();
  await db.schema.dropTable("scope_expiries").execute();
}
