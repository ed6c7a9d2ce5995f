import { sql, type Kysely } from "kysely";

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
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT (
      NEW.redacted_at IS NOT NULL
      AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id AND NEW.pcn_id IS OLD.pcn_id
      AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
      AND (NEW.before_json IS NULL OR NEW.before_json IS OLD.before_json)
      AND (NEW.after_json IS NULL OR NEW.after_json IS OLD.after_json)
      AND (NEW.ip IS NULL OR NEW.ip IS OLD.ip)
    )
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);

  await sql`DROP TRIGGER competency_signoffs_no_delete`.execute(db);
  await sql`CREATE TRIGGER competency_signoffs_no_delete BEFORE DELETE ON competency_signoffs
    WHEN (SELECT purged_at FROM users WHERE id = OLD.user_id) IS NULL
    BEGIN SELECT RAISE(ABORT, 'competency sign-offs are immutable'); END`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP TRIGGER competency_signoffs_no_delete`.execute(db);
  await sql`CREATE TRIGGER competency_signoffs_no_delete BEFORE DELETE ON competency_signoffs
    BEGIN SELECT RAISE(ABORT, 'competency sign-offs are immutable'); END`.execute(db);
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await db.schema.alterTable("audit_log").dropColumn("redacted_at").execute();
  await db.schema.alterTable("users").dropColumn("purged_at").execute();
  await db.schema.alterTable("users").dropColumn("deactivated_at").execute();
}
