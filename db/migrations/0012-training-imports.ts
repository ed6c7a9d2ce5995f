import type { Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Training imports (ADR 0016). People get an optional staff number (the ESR employee number), unique in the
 * deployment, so an import can match rows by it as well as by email. Each applied import is kept with what it did,
 * and every training record it wrote names it and where it came from (an ESR export or the app's template).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("staff_number", "text").execute();
  await db.schema.createIndex("users_staff_number").on("users").column("staff_number").unique().execute();

  await db.schema
    .createTable("training_imports")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("pcn_id", "integer", (c) => c.references("pcns.id"))
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("created", "integer", (c) => c.notNull())
    .addColumn("updated", "integer", (c) => c.notNull())
    .addColumn("unchanged", "integer", (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .addColumn("imported_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("training_records").addColumn("imported_from", "text").execute();
  await db.schema
    .alterTable("training_records")
    .addColumn("import_id", "integer", (c) => c.references("training_imports.id"))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("training_records").dropColumn("import_id").execute();
  await db.schema.alterTable("training_records").dropColumn("imported_from").execute();
  await db.schema.dropTable("training_imports").execute();
  await db.schema.dropIndex("users_staff_number").execute();
  await db.schema.alterTable("users").dropColumn("staff_number").execute();
}
