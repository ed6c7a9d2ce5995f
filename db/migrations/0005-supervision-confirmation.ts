import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<any>;

/**
 * A meeting recorded by the member of staff waits for their supervisor to confirm or dispute it; only confirmed
 * meetings count towards the supervision cadence. Meetings already on file that the member of staff recorded
 * themselves start as pending too: nobody has confirmed them yet.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("supervision_meetings")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("confirmed")
        .check(sql`status in ('pending','confirmed','disputed')`),
    )
    .execute();
  await db.schema
    .alterTable("supervision_meetings")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("supervision_meetings").addColumn("decided_at", "text").execute();
  await db.schema.alterTable("supervision_meetings").addColumn("dispute_reason", "text").execute();
  await db
    .updateTable("supervision_meetings")
    .set({ status: "pending" })
    .whereRef("recorded_by", "=", "staff_id")
    .execute();
  await db.schema
    .createIndex("supervision_pending")
    .on("supervision_meetings")
    .columns(["supervisor_id", "status"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("supervision_pending").execute();
  for (const column of ["dispute_reason", "decided_at", "decided_by", "status"]) {
    await db.schema.alterTable("supervision_meetings").dropColumn(column).execute();
  }
}
