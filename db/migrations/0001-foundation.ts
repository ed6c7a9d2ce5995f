import { sql, type Kysely } from "kysely";
import { bigIntegerType, floatType, generatedId, refuseChange } from "./portable";

// Migrations are frozen history: they take Kysely<any> because the typed schema moves on after them.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("pcns")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("ods_code", "text", (c) => c.notNull().unique())
    .addColumn("ics_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("pcn_id", "integer", (c) => c.references("pcns.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_key", "text", (c) => c.notNull().unique())
    .addColumn("job_role", "text")
    .addColumn("fte", floatType(db))
    .addColumn("start_date", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("password_hash", "text")
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("totp_last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_pcn").on("users").column("pcn_id").execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('coordinator','supervisor','lead','admin')`))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("supervision_arrangements")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('supervisor','first-contact','line-manager')`))
    .addColumn("started_on", "text", (c) => c.notNull())
    .addColumn("ended_on", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("arrangements_staff").on("supervision_arrangements").column("staff_id").execute();
  await db.schema.createIndex("arrangements_person").on("supervision_arrangements").column("person_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("mfa_pending", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("password_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at_ms", bigIntegerType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_key").on("login_failures").columns(["key", "at_ms"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("pcn_id", "integer", (c) => c.references("pcns.id"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("audit_pcn_at").on("audit_log").columns(["pcn_id", "at"]).execute();
  // The audit trail is append-only: the database itself refuses to rewrite history.
  for (const on of ["UPDATE", "DELETE"] as const) {
    const name = `audit_log_no_${on.toLowerCase()}`;
    await refuseChange(db, { name, table: "audit_log", on, message: "audit_log is append-only" });
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "audit_log",
    "login_failures",
    "password_tokens",
    "recovery_codes",
    "sessions",
    "supervision_arrangements",
    "user_roles",
    "users",
    "pcns",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
