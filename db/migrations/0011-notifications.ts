import type { Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Notifications (issue 14, ADR 0015). `notices` is both the in-app list and the log of what was sent: one row per
 * person told, thing that needs attention and threshold reached, so the unique index makes a re-run add nothing.
 * A notice waits as "pending" until its digest is sent; a failed send leaves it pending for the next run.
 * `users.email_notices` is the person's choice to have digests by email (1) or only in the app (0).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("notices")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("recipient_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("subject_id", "integer", (c) => c.references("users.id"))
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("threshold", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("email_status", "text", (c) => c.notNull())
    .addColumn("emailed_at", "text")
    .addColumn("email_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("email_error", "text")
    .execute();
  await db.schema
    .createIndex("notices_once")
    .on("notices")
    .columns(["recipient_id", "item_key", "threshold"])
    .unique()
    .execute();
  await db.schema.createIndex("notices_recipient").on("notices").columns(["recipient_id", "read_at", "id"]).execute();
  await db.schema.createIndex("notices_email").on("notices").columns(["email_status", "recipient_id"]).execute();
  await db.schema.createIndex("notices_subject").on("notices").column("subject_id").execute();
  await db.schema
    .alterTable("users")
    .addColumn("email_notices", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("notices").execute();
  await db.schema.alterTable("users").dropColumn("email_notices").execute();
}
