import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/**
 * The renewal forecast of the whole deployment ("all") and of each integrated care system ("ics:<name>"), stored
 * (issue 12): how many people's required training lapses on each day, per requirement, kept up to date beside
 * `scope_standings` (app/models/scope-figures.server.ts). The admin dashboard then adds up a year of days instead of
 * counting the nation's 51,000 lapsing requirements on each request.
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
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("scope_expiries").execute();
}
