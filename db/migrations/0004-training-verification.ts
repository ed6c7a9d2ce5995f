import { sql, type Kysely } from "kysely";

// Migrations are frozen history: they take Kysely<any> because the typed schema moves on after them.
type AnyDb = Kysely<any>;

/**
 * What the verifier checked, so a record can be verified without an uploaded certificate (ESR, the provider's list,
 * a paper certificate seen in person). Records verified before this existed were checked against their uploaded
 * certificate, the only way there was.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("training_records")
    .addColumn("verification_method", "text", (c) =>
      c.check(sql`verification_method in ('certificate','esr','provider-list','other')`),
    )
    .execute();
  await db.schema.alterTable("training_records").addColumn("verification_note", "text").execute();
  await db
    .updateTable("training_records")
    .set({ verification_method: "certificate" })
    .where("verified_at", "is not", null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("training_records").dropColumn("verification_note").execute();
  await db.schema.alterTable("training_records").dropColumn("verification_method").execute();
}
