import type { Kysely } from "kysely";

type AnyDb = Kysely<any>;

/**
 * Local refresher periods (issue 14): a PCN lead may set, with a reason, how often their PCN's staff renew a piece
 * of training instead of the content's period. Each standing's required training also keeps its expiry date, so the
 * dashboard's renewal forecast is one indexed query over the rollups rather than a loop over people.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("local_periods")
    .addColumn("pcn_id", "integer", (c) => c.notNull().references("pcns.id"))
    .addColumn("requirement_id", "text", (c) => c.notNull())
    .addColumn("renewal_months", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("set_by", "integer", (c) => c.references("users.id"))
    .addColumn("set_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("local_periods_pk", ["pcn_id", "requirement_id"])
    .execute();

  await db.schema.alterTable("person_requirement_states").addColumn("expires_on", "text").execute();
  await db.schema
    .createIndex("person_requirement_states_expires")
    .on("person_requirement_states")
    .columns(["expires_on", "requirement_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("person_requirement_states_expires").execute();
  await db.schema.alterTable("person_requirement_states").dropColumn("expires_on").execute();
  await db.schema.dropTable("local_periods").execute();
}
