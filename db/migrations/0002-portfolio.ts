import { sql, type Kysely } from "kysely";
import { floatType, generatedId, refuseChange } from "./portable";

type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("attachments")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evidence_items")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','submitted','returned','accepted')`))
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("framework_version", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("evidence_owner").on("evidence_items").columns(["owner_id", "status"]).execute();

  await db.schema
    .createTable("evidence_versions")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence_items.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("activity_date", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("what_happened", "text", (c) => c.notNull())
    .addColumn("what_learned", "text", (c) => c.notNull())
    .addColumn("what_next", "text", (c) => c.notNull())
    .addColumn("patient_data_confirmed_at", "text")
    .addColumn("patient_data_findings", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("evidence_versions_unique", ["evidence_id", "version"])
    .execute();

  await db.schema
    .createTable("evidence_version_competencies")
    .addColumn("version_id", "integer", (c) => c.notNull().references("evidence_versions.id"))
    .addColumn("competency_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("evc_pk", ["version_id", "competency_id"])
    .execute();

  await db.schema
    .createTable("evidence_version_attachments")
    .addColumn("version_id", "integer", (c) => c.notNull().references("evidence_versions.id"))
    .addColumn("attachment_id", "integer", (c) => c.notNull().references("attachments.id"))
    .addPrimaryKeyConstraint("eva_pk", ["version_id", "attachment_id"])
    .execute();

  await db.schema
    .createTable("evidence_reviews")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("evidence_id", "integer", (c) => c.notNull().references("evidence_items.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("evidence_reviews_item").on("evidence_reviews").column("evidence_id").execute();

  await db.schema
    .createTable("competency_signoffs")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("competency_id", "text", (c) => c.notNull())
    .addColumn("framework_version", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('sign-off','withdraw')`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("signoffs_user")
    .on("competency_signoffs")
    .columns(["user_id", "competency_id"])
    .execute();
  // Sign-offs are immutable: withdrawing one appends a row instead.
  for (const on of ["UPDATE", "DELETE"] as const) {
    const name = `competency_signoffs_no_${on.toLowerCase()}`;
    await refuseChange(db, { name, table: "competency_signoffs", on, message: "competency sign-offs are immutable" });
  }

  await db.schema
    .createTable("training_records")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("requirement_id", "text", (c) => c.notNull())
    .addColumn("content_version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('enrolled','undertaking','completed')`))
    .addColumn("completed_on", "text")
    .addColumn("provider", "text")
    .addColumn("attachment_id", "integer", (c) => c.references("attachments.id"))
    .addColumn("verified_by", "integer", (c) => c.references("users.id"))
    .addColumn("verified_at", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("training_user").on("training_records").columns(["user_id", "requirement_id"]).execute();

  await db.schema
    .createTable("cpd_entries")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("activity_date", "text", (c) => c.notNull())
    .addColumn("hours", floatType(db), (c) => c.notNull().check(sql`hours >= 0.25 and hours <= 100`))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("provider", "text")
    .addColumn("reflection", "text", (c) => c.notNull())
    .addColumn("framework_version", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("cpd_user_date").on("cpd_entries").columns(["user_id", "activity_date"]).execute();

  await db.schema
    .createTable("cpd_entry_competencies")
    .addColumn("cpd_id", "integer", (c) => c.notNull().references("cpd_entries.id"))
    .addColumn("competency_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cpdc_pk", ["cpd_id", "competency_id"])
    .execute();

  await db.schema
    .createTable("supervision_meetings")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("supervisor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("met_on", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('face-to-face','virtual')`))
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("patient_concerns", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("safeguarding_concerns", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("actions", "text", (c) => c.notNull())
    .addColumn("recorded_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("supervision_staff").on("supervision_meetings").columns(["staff_id", "met_on"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "supervision_meetings",
    "cpd_entry_competencies",
    "cpd_entries",
    "training_records",
    "competency_signoffs",
    "evidence_reviews",
    "evidence_version_attachments",
    "evidence_version_competencies",
    "evidence_versions",
    "evidence_items",
    "attachments",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
