import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { itOnSqliteFile, onPostgres } from "./database-kind";
import { databaseUrlOn, onServer, quoteName, testServerUrl, uniqueDatabaseName } from "./postgres";
import { createDb } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";

/** Compile-time check that a column list names every column of the typed table, and nothing else. */
type AllColumns<T, A extends readonly (keyof T)[]> = Exclude<keyof T, A[number]> extends never ? A : never;
const columns =
  <T>() =>
  <const A extends readonly (keyof T)[]>(list: AllColumns<T, A>) =>
    list;

const expected: { [K in keyof Database]: readonly string[] } = {
  pcns: columns<Database["pcns"]>()(["id", "name", "ods_code", "ics_name", "created_at"]),
  users: columns<Database["users"]>()([
    "id",
    "pcn_id",
    "name",
    "email",
    "email_key",
    "job_role",
    "fte",
    "start_date",
    "active",
    "password_hash",
    "totp_secret",
    "totp_enabled",
    "totp_last_step",
    "created_at",
    "updated_at",
    "deactivated_at",
    "purged_at",
    "email_notices",
    "staff_number",
  ]),
  user_roles: columns<Database["user_roles"]>()(["user_id", "role"]),
  supervision_arrangements: columns<Database["supervision_arrangements"]>()([
    "id",
    "staff_id",
    "person_id",
    "kind",
    "started_on",
    "ended_on",
    "created_by",
    "created_at",
  ]),
  sessions: columns<Database["sessions"]>()([
    "id_hash",
    "user_id",
    "created_at",
    "last_seen_at",
    "expires_at",
    "mfa_pending",
    "ip",
    "user_agent",
    "signed_in_with",
  ]),
  recovery_codes: columns<Database["recovery_codes"]>()(["id", "user_id", "code_hash", "used_at"]),
  password_tokens: columns<Database["password_tokens"]>()([
    "token_hash",
    "user_id",
    "created_by",
    "created_at",
    "expires_at",
    "used_at",
  ]),
  login_failures: columns<Database["login_failures"]>()(["id", "key", "at_ms"]),
  audit_log: columns<Database["audit_log"]>()([
    "id",
    "at",
    "actor_id",
    "pcn_id",
    "entity",
    "entity_id",
    "action",
    "before_json",
    "after_json",
    "ip",
    "redacted_at",
  ]),
  attachments: columns<Database["attachments"]>()([
    "id",
    "owner_id",
    "sha256",
    "file_name",
    "mime",
    "size",
    "uploaded_by",
    "created_at",
  ]),
  evidence_items: columns<Database["evidence_items"]>()([
    "id",
    "owner_id",
    "status",
    "current_version",
    "framework_version",
    "created_at",
    "updated_at",
  ]),
  evidence_versions: columns<Database["evidence_versions"]>()([
    "id",
    "evidence_id",
    "version",
    "title",
    "activity_date",
    "type",
    "what_happened",
    "what_learned",
    "what_next",
    "patient_data_confirmed_at",
    "patient_data_findings",
    "created_by",
    "created_at",
  ]),
  evidence_version_competencies: columns<Database["evidence_version_competencies"]>()(["version_id", "competency_id"]),
  evidence_version_attachments: columns<Database["evidence_version_attachments"]>()(["version_id", "attachment_id"]),
  evidence_reviews: columns<Database["evidence_reviews"]>()([
    "id",
    "evidence_id",
    "version",
    "action",
    "comment",
    "actor_id",
    "at",
  ]),
  competency_signoffs: columns<Database["competency_signoffs"]>()([
    "id",
    "user_id",
    "competency_id",
    "framework_version",
    "action",
    "comment",
    "actor_id",
    "at",
  ]),
  training_records: columns<Database["training_records"]>()([
    "id",
    "user_id",
    "requirement_id",
    "content_version",
    "status",
    "completed_on",
    "provider",
    "attachment_id",
    "verified_by",
    "verified_at",
    "verification_method",
    "verification_note",
    "created_by",
    "created_at",
    "updated_at",
    "imported_from",
    "import_id",
  ]),
  training_imports: columns<Database["training_imports"]>()([
    "id",
    "pcn_id",
    "layout",
    "file_name",
    "file_sha256",
    "created",
    "updated",
    "unchanged",
    "rejected",
    "imported_by",
    "imported_at",
  ]),
  cpd_entries: columns<Database["cpd_entries"]>()([
    "id",
    "user_id",
    "activity",
    "activity_date",
    "hours",
    "type",
    "provider",
    "reflection",
    "framework_version",
    "created_at",
    "updated_at",
  ]),
  cpd_entry_competencies: columns<Database["cpd_entry_competencies"]>()(["cpd_id", "competency_id"]),
  audit_people: columns<Database["audit_people"]>()(["person_id", "at", "audit_id"]),
  supervision_meetings: columns<Database["supervision_meetings"]>()([
    "id",
    "staff_id",
    "supervisor_id",
    "met_on",
    "minutes",
    "mode",
    "topics",
    "patient_concerns",
    "safeguarding_concerns",
    "actions",
    "recorded_by",
    "created_at",
    "status",
    "decided_by",
    "decided_at",
    "dispute_reason",
  ]),
  person_standings: columns<Database["person_standings"]>()([
    "user_id",
    "pcn_id",
    "job_role",
    "name",
    "sort_name",
    "readiness",
    "readiness_rank",
    "blockers_json",
    "awaiting_json",
    "training_valid",
    "training_expiring",
    "training_in_progress",
    "training_expired",
    "training_missing",
    "verified",
    "recorded",
    "unverified",
    "supervision_state",
    "supervision_due_on",
    "supervision_sort",
    "signed_off",
    "cpd_hours",
    "expiries_json",
    "computed_on",
    "stale_on",
  ]),
  person_requirement_states: columns<Database["person_requirement_states"]>()([
    "user_id",
    "requirement_id",
    "state",
    "expires_on",
  ]),
  pcn_standings: columns<Database["pcn_standings"]>()(["pcn_key", "figures_json"]),
  scope_standings: columns<Database["scope_standings"]>()(["scope", "figures_json"]),
  scope_expiries: columns<Database["scope_expiries"]>()(["scope", "expires_on", "requirement_id", "people"]),
  rollup_meta: columns<Database["rollup_meta"]>()(["name", "value"]),
  notices: columns<Database["notices"]>()([
    "id",
    "recipient_id",
    "subject_id",
    "audience",
    "kind",
    "item_key",
    "threshold",
    "title",
    "link",
    "created_at",
    "read_at",
    "email_status",
    "emailed_at",
    "email_attempts",
    "email_error",
  ]),
  local_periods: columns<Database["local_periods"]>()([
    "pcn_id",
    "requirement_id",
    "renewal_months",
    "reason",
    "set_by",
    "set_at",
  ]),
  identities: columns<Database["identities"]>()([
    "id",
    "user_id",
    "provider",
    "subject",
    "email",
    "created_at",
    "last_used_at",
  ]),
  identity_link_tokens: columns<Database["identity_link_tokens"]>()([
    "token_hash",
    "user_id",
    "created_by",
    "created_at",
    "expires_at",
    "used_at",
  ]),
  sign_in_requests: columns<Database["sign_in_requests"]>()([
    "state_hash",
    "provider",
    "nonce",
    "code_verifier",
    "purpose",
    "user_id",
    "link_token_hash",
    "redirect_to",
    "expires_at",
  ]),
  competency_ratings: columns<Database["competency_ratings"]>()([
    "id",
    "person_id",
    "competency_id",
    "level",
    "note",
    "framework_version",
    "scale_version",
    "rated_at",
    "status",
    "decided_by",
    "decided_at",
  ]),
  rating_reviews: columns<Database["rating_reviews"]>()(["id", "rating_id", "action", "comment", "actor_id", "at"]),
  development_goals: columns<Database["development_goals"]>()([
    "id",
    "person_id",
    "title",
    "reason",
    "methods",
    "training_requirement_id",
    "how_details",
    "target_date",
    "status",
    "status_reason",
    "agreed_by",
    "agreed_at",
    "carried_from_id",
    "created_by",
    "created_at",
    "updated_at",
    "appraisal_id",
  ]),
  development_goal_competencies: columns<Database["development_goal_competencies"]>()(["goal_id", "competency_id"]),
  development_goal_updates: columns<Database["development_goal_updates"]>()([
    "id",
    "goal_id",
    "action",
    "note",
    "meeting_id",
    "actor_id",
    "at",
  ]),
  induction_checklists: columns<Database["induction_checklists"]>()([
    "id",
    "person_id",
    "setting_id",
    "setting_title",
    "content_version",
    "starts_on",
    "due_on",
    "show_until",
    "items_total",
    "items_done",
    "created_by",
    "created_at",
  ]),
  induction_items: columns<Database["induction_items"]>()([
    "id",
    "checklist_id",
    "position",
    "item_key",
    "title",
    "description",
    "done_on",
    "done_by",
    "ticked_at",
  ]),
  appraisals: columns<Database["appraisals"]>()([
    "id",
    "person_id",
    "appraiser_id",
    "status",
    "current_version",
    "appraiser_confirmed_at",
    "person_confirmed_at",
    "created_at",
    "updated_at",
  ]),
  appraisal_versions: columns<Database["appraisal_versions"]>()([
    "id",
    "appraisal_id",
    "version",
    "held_on",
    "period_start",
    "period_end",
    "summary",
    "objectives_json",
    "created_by",
    "created_at",
  ]),
};

const created: string[] = [];
afterAll(async () => {
  for (const name of created) await onServer(testServerUrl()!, `DROP DATABASE ${quoteName(name)} WITH (FORCE)`);
});

/** An empty database of the kind this run tests: a new SQLite file, or a new database on the PostgreSQL server. */
async function freshDb() {
  if (onPostgres) {
    const name = uniqueDatabaseName("care_portfolio_migrate");
    await onServer(testServerUrl()!, `CREATE DATABASE ${quoteName(name)}`);
    created.push(name);
    return createDb(undefined, { DATABASE_URL: databaseUrlOn(testServerUrl()!, name) });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-migrate-"));
  return createDb(path.join(dir, "m.sqlite"));
}

describe("migrations", () => {
  it("build the whole schema from an empty database, and a second run applies nothing", async () => {
    const db = await freshDb();
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => r.migrationName)).toEqual(
      expect.arrayContaining(["0004-training-verification", "0005-supervision-confirmation", "0007-retention"]),
    );
    expect(first.results?.every((r) => r.status === "Success")).toBe(true);
    const second = await migrateToLatest(db);
    expect(second.results).toEqual([]);
    await db.destroy();
  });

  it("give every table exactly the columns the typed Database interface declares", async () => {
    const db = await freshDb();
    await migrateToLatest(db);
    const tables = await db.introspection.getTables();
    const actual = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
    for (const [table, cols] of Object.entries(expected)) {
      expect(actual[table], table).toEqual([...cols].sort());
    }
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    await db.destroy();
  });

  it("leave person_standings without the readiness answers' index, which 0019 made on SQLite and 0021 drops", async () => {
    const db = await freshDb();
    await migrateToLatest(db);
    const { sql } = await import("kysely");
    const { rows } = onPostgres
      ? await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where tablename = 'person_standings'`.execute(db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name = 'person_standings'`.execute(db);
    const names = rows.map((r) => r.name);
    expect(names).toContain("person_standings_name");
    expect(names).not.toContain("person_standings_answers");
    await db.destroy();
  });

  itOnSqliteFile("open the database with WAL, foreign keys, a busy timeout and full sync", async () => {
    const db = await freshDb();
    const { sql } = await import("kysely");
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("foreign_keys")).toBe(1);
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("synchronous")).toBe(2);
    await db.destroy();
  });
});
