import { sql, type Kysely } from "kysely";
import { dialectOf, dropTrigger, refuseChange } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Retention (ADR 0010). People get the moment they were deactivated, from which their retention period runs, and the
 * moment their records were purged. The append-only guards of ADR 0004 gain exactly two narrow exceptions:
 * - an audit row may be redacted: its personal payload (before, after, address) cleared, never its who, what and
 *   when, and never rewritten to say something else;
 * - the sign-offs of a person whose records are being purged may be deleted.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("deactivated_at", "text").execute();
  await db.schema.alterTable("users").addColumn("purged_at", "text").execute();
  // People already inactive: their retention runs from the last change to their account.
  await sql`UPDATE users SET deactivated_at = updated_at WHERE active = 0`.execute(db);

  await db.schema.alterTable("audit_log").addColumn("redacted_at", "text").execute();
  await dropTrigger(db, "audit_log_no_update", "audit_log");
  const same = (column: string) =>
    dialectOf(db) === "postgres"
      ? `NEW.${column} IS NOT DISTINCT FROM OLD.${column}`
      : `NEW.${column} IS OLD.${column}`;
  await refuseChange(db, {
    name: "audit_log_no_update",
    table: "audit_log",
    on: "UPDATE",
    message: "audit_log is append-only",
    allowedWhen: `
      NEW.redacted_at IS NOT NULL
      AND ${same("id")} AND ${same("at")} AND ${same("actor_id")} AND ${same("pcn_id")}
      AND ${same("entity")} AND ${same("entity_id")} AND ${same("action")}
      AND (NEW.before_json IS NULL OR ${same("before_json")})
      AND (NEW.after_json IS NULL OR ${same("after_json")})
      AND (NEW.ip IS NULL OR ${same("ip")})
    `,
  });

  await dropTrigger(db, "competency_signoffs_no_delete", "competency_signoffs");
  if (dialectOf(db) === "sqlite") {
    await sql`CREATE TRIGGER competency_signoffs_no_delete BEFORE DELETE ON competency_signoffs
    WHEN (SELECT purged_at FROM users WHERE id = OLD.user_id) IS NULL
    BEGIN SELECT RAISE(ABORT, 'competency sign-offs are immutable'); END`.execute(db);
  } else {
    // A PostgreSQL trigger's WHEN cannot hold a subquery, so the rule is in the function.
    await sql`CREATE FUNCTION competency_signoffs_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT purged_at FROM users WHERE id = OLD.user_id) IS NULL THEN
          RAISE EXCEPTION 'competency sign-offs are immutable' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
      END $$`.execute(db);
    await sql`CREATE TRIGGER competency_signoffs_no_delete BEFORE DELETE ON competency_signoffs
      FOR EACH ROW EXECUTE FUNCTION competency_signoffs_refuse_delete()`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await dropTrigger(db, "competency_signoffs_no_delete", "competency_signoffs");
  if (dialectOf(db) === "postgres") await sql`DROP FUNCTION competency_signoffs_refuse_delete()`.execute(db);
  const message = "competency sign-offs are immutable";
  await refuseChange(db, {
    name: "competency_signoffs_no_delete",
    table: "competency_signoffs",
    on: "DELETE",
    message,
  });
  await dropTrigger(db, "audit_log_no_update", "audit_log");
  await refuseChange(db, {
    name: "audit_log_no_update",
    table: "audit_log",
    on: "UPDATE",
    message: "audit_log is append-only",
  });
  await db.schema.alterTable("audit_log").dropColumn("redacted_at").execute();
  await db.schema.alterTable("users").dropColumn("purged_at").execute();
  await db.schema.alterTable("users").dropColumn("deactivated_at").execute();
}
