/**
 * Who and what the bench looks at, read from the database: the fixed bench accounts the scale seed creates, the
 * competency with most of the coordinator's evidence, the lead's PCN and ICS, and today's appraisal year.
 */
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { getContent } from "~/content/index.server";
import { todayInLondon } from "~/domain/training-status";
import { BENCH_EMAILS, BENCH_PASSWORD } from "../scale/roster";
import type { RawDb } from "./raw-db";

export { BENCH_EMAILS, BENCH_PASSWORD };

export type Role = keyof typeof BENCH_EMAILS;

export interface Account {
  role: Role;
  email: string;
  id: number;
  pcnId: number | null;
  superviseeIds: number[];
  /** The session the bench signed in with (filled in after signing in), for the floors' session lookup. */
  sessionHash: string;
}

export interface Subjects extends Record<Role, Account> {
  lead: Account & { icsName: string | null };
  competencyId: string;
  today: string;
  year: { start: string; end: string; label: string };
  /** The audit trail's filtered page: entries about training records. */
  auditFilter: { entity: string };
  /** The entry the deep audit page's "Older" cursor names, once the bench has followed the page's links there. */
  auditDeepOlderThan: number | null;
}

export class MissingAccounts extends Error {}

async function account(db: RawDb, role: Role, today: string): Promise<Account> {
  const email = BENCH_EMAILS[role];
  const [row] = await db.all("SELECT id, pcn_id FROM users WHERE email_key = ?", [email]);
  if (!row) throw new MissingAccounts(`There is no ${email} in this database.`);
  const id = Number(row.id);
  const supervisees = await db.all(
    "SELECT staff_id FROM supervision_arrangements WHERE person_id = ? AND kind = 'supervisor' AND ended_on IS NULL AND started_on <= ?",
    [id, today],
  );
  return {
    role,
    email,
    id,
    pcnId: row.pcn_id === null ? null : Number(row.pcn_id),
    superviseeIds: supervisees.map((r) => Number(r.staff_id)),
    sessionHash: "",
  };
}

export async function findSubjects(db: RawDb): Promise<Subjects> {
  const today = todayInLondon(new Date());
  // One after another: on PostgreSQL the raw connection is one client, which takes one query at a time.
  const coordinator = await account(db, "coordinator", today);
  const supervisor = await account(db, "supervisor", today);
  const lead = await account(db, "lead", today);
  const admin = await account(db, "admin", today);
  const [pcn] = await db.all("SELECT ics_name FROM pcns WHERE id = ?", [lead.pcnId]);
  const [busiest] = await db.all(
    `SELECT c.competency_id, count(*) AS n FROM evidence_items e
     JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
     JOIN evidence_version_competencies c ON c.version_id = v.id
     WHERE e.owner_id = ? GROUP BY c.competency_id ORDER BY n DESC LIMIT 1`,
    [coordinator.id],
  );
  const firstCompetency = getContent().framework.areas[0]!.competencies[0]!.id;
  return {
    coordinator,
    supervisor,
    lead: { ...lead, icsName: (pcn?.ics_name as string | null) ?? null },
    admin,
    competencyId: (busiest?.competency_id as string | undefined) ?? firstCompetency,
    today,
    year: appraisalYearOfDate(today),
    auditFilter: { entity: "training" },
    auditDeepOlderThan: null,
  };
}

/** The session the server created for this account's sign-in: the newest. */
export async function latestSessionHash(db: RawDb, userId: number): Promise<string> {
  const [row] = await db.all("SELECT id_hash FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1", [
    userId,
  ]);
  return String(row?.id_hash ?? "");
}
