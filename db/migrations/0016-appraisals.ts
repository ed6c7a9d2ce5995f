import { sql, type Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * The annual appraisal (issue 13 item 3, ADR 0019). An appraisal keeps who it is for, who appraises, where it stands
 * and when each party confirmed it; what it says (date, period, summary, objectives) is a new appraisal_versions
 * row at each change, so earlier wording stays. Objectives agreed at a confirmed appraisal become development plan
 * goals that name it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("appraisals")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("person_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("appraiser_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','awaiting-person','confirmed')`))
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("appraiser_confirmed_at", "text")
    .addColumn("person_confirmed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("appraisals_person").on("appraisals").columns(["person_id", "id"]).execute();

  await db.schema
    .createTable("appraisal_versions")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("appraisal_id", "integer", (c) => c.notNull().references("appraisals.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    /** JSON: [{ "title": "…", "targetDate": "YYYY-MM-DD" }] */
    .addColumn("objectives_json", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("appraisal_versions_version", ["appraisal_id", "version"])
    .execute();

  await db.schema
    .alterTable("development_goals")
    .addColumn("appraisal_id", "integer", (c) => c.references("appraisals.id"))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("development_goals").dropColumn("appraisal_id").execute();
  await db.schema.dropTable("appraisal_versions").execute();
  await db.schema.dropTable("appraisals").execute();
}
