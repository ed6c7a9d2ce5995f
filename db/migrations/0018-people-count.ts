import { type Kysely, sql } from "kysely";

type AnyDb = Kysely<any>;

/**
 * The people list's count at national size (issue 12): current staff are counted in the stored figures
 * (scope_standings), so only the people without a job role (leads, administrators, supervisors who are not staff)
 * are counted from `users`, through this partial index of just them, instead of PostgreSQL reading the whole table
 * to count 98% of it.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("users_without_job_role")
    .on("users")
    .columns(["purged_at", "active"])
    .where(sql.ref("job_role"), "is", null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("users_without_job_role").execute();
}
