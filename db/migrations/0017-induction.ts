import type { Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Induction checklists (issue 13 item 4, ADR 0020). One checklist per person; its items copy the content's words
 * when it is made, so a content change reaches new checklists only. The checklist keeps its own count of items and
 * of those done, updated in the transaction that ticks one, so the dashboard filters and shows progress in SQL.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("induction_checklists")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("person_id", "integer", (c) => c.notNull().unique().references("users.id"))
    .addColumn("setting_id", "text", (c) => c.notNull())
    .addColumn("setting_title", "text", (c) => c.notNull())
    .addColumn("content_version", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("show_until", "text", (c) => c.notNull())
    .addColumn("items_total", "integer", (c) => c.notNull())
    .addColumn("items_done", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // The notification job reads the unfinished checklists of a PCN's people.
  await db.schema
    .createIndex("induction_checklists_due")
    .on("induction_checklists")
    .columns(["due_on", "person_id"])
    .execute();

  await db.schema
    .createTable("induction_items")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("checklist_id", "integer", (c) => c.notNull().references("induction_checklists.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("done_on", "text")
    .addColumn("done_by", "integer", (c) => c.references("users.id"))
    .addColumn("ticked_at", "text")
    .execute();
  await db.schema
    .createIndex("induction_items_checklist")
    .on("induction_items")
    .columns(["checklist_id", "position"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("induction_items").execute();
  await db.schema.dropTable("induction_checklists").execute();
}
