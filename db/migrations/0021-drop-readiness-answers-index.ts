import type { Kysely } from "kysely";
import { dialectOf } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Drops `person_standings_answers`, the SQLite-only covering index 0019 made for `/api/readiness` when it listed
 * people by name. The API now pages by person id, which SQLite reads from the table's own key, so the index only
 * cost every change to a person's standing a second copy of their blockers. The one query the planner still gave it
 * (a scope's staff by name) reads `person_standings_name` instead for the same CPU. PostgreSQL never had it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("person_standings_answers").ifExists().execute();
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db) === "sqlite")
    await db.schema
      .createIndex("person_standings_answers")
      .on("person_standings")
      .columns(["name", "user_id", "pcn_id", "job_role", "readiness", "blockers_json", "awaiting_json"])
      .execute();
}
