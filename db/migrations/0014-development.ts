import { sql, type Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Self-assessment and the personal development plan (issue 13, ADR 0018). A self-rating is never rewritten: a new
 * rating is a new row, and each step of its confirmation is appended to rating_reviews. Goals keep their own
 * status; each agreement, change of status and note of progress is appended to development_goal_updates.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("competency_ratings")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("person_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("competency_id", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("framework_version", "text", (c) => c.notNull())
    .addColumn("scale_version", "text", (c) => c.notNull())
    .addColumn("rated_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('self-rated','awaiting-confirmation','confirmed','returned')`),
    )
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("competency_ratings_person")
    .on("competency_ratings")
    .columns(["person_id", "competency_id", "id"])
    .execute();
  await db.schema
    .createIndex("competency_ratings_status")
    .on("competency_ratings")
    .columns(["status", "person_id"])
    .execute();

  await db.schema
    .createTable("rating_reviews")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("rating_id", "integer", (c) => c.notNull().references("competency_ratings.id"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('request','confirm','return')`))
    .addColumn("comment", "text")
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rating_reviews_rating").on("rating_reviews").columns(["rating_id", "id"]).execute();

  await db.schema
    .createTable("development_goals")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("person_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("methods", "text", (c) => c.notNull())
    .addColumn("training_requirement_id", "text")
    .addColumn("how_details", "text")
    .addColumn("target_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('not-started','in-progress','achieved','carried-forward','dropped')`),
    )
    .addColumn("status_reason", "text")
    .addColumn("agreed_by", "integer", (c) => c.references("users.id"))
    .addColumn("agreed_at", "text")
    .addColumn("carried_from_id", "integer", (c) => c.references("development_goals.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("development_goals_person")
    .on("development_goals")
    .columns(["person_id", "target_date", "id"])
    .execute();
  await db.schema
    .createIndex("development_goals_status")
    .on("development_goals")
    .columns(["status", "target_date"])
    .execute();

  await db.schema
    .createTable("development_goal_competencies")
    .addColumn("goal_id", "integer", (c) => c.notNull().references("development_goals.id"))
    .addColumn("competency_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("development_goal_competencies_pk", ["goal_id", "competency_id"])
    .execute();

  await db.schema
    .createTable("development_goal_updates")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("goal_id", "integer", (c) => c.notNull().references("development_goals.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("meeting_id", "integer", (c) => c.references("supervision_meetings.id"))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("development_goal_updates_goal")
    .on("development_goal_updates")
    .columns(["goal_id", "id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "development_goal_updates",
    "development_goal_competencies",
    "development_goals",
    "rating_reviews",
    "competency_ratings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
