/**
 * The floor of each page: the rows the page shows, fetched with plain SQL through the driver alone (./raw-db.ts),
 * with no Kysely, rules, React or HTTP. Page time over floor time is the page's overhead. Each floor starts with the
 * lookups every signed-in request needs (session, person, roles, supervisees). Written with `?` placeholders and
 * SQL that SQLite and PostgreSQL both run. The floors of list pages return the rows listed, so a test can hold them
 * to the page's (tests/integration/seed-scale.test.ts).
 */
import { PAGE_SIZE } from "~/domain/readiness-pages";
import { forecastWindow } from "~/domain/renewal-forecast";
import { AUDIT_COUNT_CAP } from "~/models/audit.server";
import { PEOPLE_IN_A_LIST } from "~/services/audit-person.server";
import type { RawDb, Row } from "./raw-db";
import type { Account, Subjects } from "./subjects";

export type Floor = (db: RawDb, s: Subjects) => Promise<unknown>;

const marks = (n: number) => Array.from({ length: Math.max(n, 1) }, () => "?").join(", ");
/** `IN (...)` needs at least one value: an id no row has stands in for an empty list. */
const ids = (list: readonly number[]) => (list.length ? list : [-1]);

async function signedIn(db: RawDb, who: Account, today: string) {
  await db.all(
    "SELECT s.user_id, s.expires_at, s.last_seen_at, s.mfa_pending, u.active FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?",
    [who.sessionHash],
  );
  await db.all("SELECT u.*, p.name AS pcn_name FROM users u LEFT JOIN pcns p ON p.id = u.pcn_id WHERE u.id = ?", [
    who.id,
  ]);
  await db.all("SELECT role FROM user_roles WHERE user_id = ?", [who.id]);
  await db.all(
    "SELECT staff_id FROM supervision_arrangements WHERE person_id = ? AND kind = 'supervisor' AND ended_on IS NULL AND started_on <= ?",
    [who.id, today],
  );
}

/** Evidence and accepted evidence per competency, and the sign-offs: the competency matrix. */
async function matrix(db: RawDb, ownerId: number) {
  await db.all(
    `SELECT c.competency_id, count(*) AS n, max(v.activity_date) AS last_activity
     FROM evidence_items e
     JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
     JOIN evidence_version_competencies c ON c.version_id = v.id
     WHERE e.owner_id = ? GROUP BY c.competency_id`,
    [ownerId],
  );
  await db.all(
    `SELECT c.competency_id, count(DISTINCT e.id) AS n
     FROM evidence_reviews r
     JOIN evidence_items e ON e.id = r.evidence_id
     JOIN evidence_versions v ON v.evidence_id = r.evidence_id AND v.version = r.version
     JOIN evidence_version_competencies c ON c.version_id = v.id
     WHERE r.action = 'accept' AND e.owner_id = ? GROUP BY c.competency_id`,
    [ownerId],
  );
  await db.all(
    "SELECT s.competency_id, s.action, s.at, s.comment, u.name FROM competency_signoffs s JOIN users u ON u.id = s.actor_id WHERE s.user_id = ? ORDER BY s.id",
    [ownerId],
  );
}

/** Last confirmed meeting and whether there is a supervisor, per person of a list of ids. */
async function supervisionFacts(db: RawDb, where: string, parameters: readonly unknown[]) {
  await db.all(
    `SELECT u.id, u.fte, u.start_date, u.created_at,
       (SELECT max(m.met_on) FROM supervision_meetings m WHERE m.staff_id = u.id AND m.status = 'confirmed') AS last_met_on,
       (SELECT count(*) FROM supervision_arrangements a WHERE a.staff_id = u.id AND a.kind = 'supervisor' AND a.ended_on IS NULL) AS supervisors
     FROM users u WHERE ${where}`,
    parameters,
  );
}

/** Whose standings a page reads: one PCN, the PCNs of one ICS, or everyone. */
type Scope = { pcnId: number } | { icsName: string } | "all";

function standingsIn(scope: Scope): { where: string; parameters: unknown[] } {
  if (scope === "all") return { where: "1 = 1", parameters: [] };
  if ("pcnId" in scope) return { where: "s.pcn_id = ?", parameters: [scope.pcnId] };
  return { where: "s.pcn_id IN (SELECT id FROM pcns WHERE ics_name = ?)", parameters: [scope.icsName] };
}

/** A dashboard shows 25 staff a page. */
const DASHBOARD_PAGE_SIZE = 25;

/** A dashboard's staff rows as stored (person_standings), in its default order (by name): one page, or every row. */
function dashboardRows(db: RawDb, scope: Scope, limit?: number) {
  const { where, parameters } = standingsIn(scope);
  return db.all(
    `SELECT s.*, p.name AS pcn_name, ic.items_done, ic.items_total, ic.due_on AS induction_due_on
     FROM person_standings s LEFT JOIN pcns p ON p.id = s.pcn_id LEFT JOIN induction_checklists ic ON ic.person_id = s.user_id
     WHERE ${where} ORDER BY s.sort_name, s.name, s.user_id${limit ? " LIMIT ?" : ""}`,
    limit ? [...parameters, limit] : parameters,
  );
}

/**
 * The dashboard of a scope, read where the page reads it: the stored figures (which hold the compliance by
 * requirement too), the first page of staff, and the renewal forecast: a PCN's counted from its people's required
 * training and named, an ICS's or everyone's from the days stored for that scope. Returns the page of staff.
 */
async function dashboard(db: RawDb, s: Subjects, scope: Scope): Promise<Row[]> {
  const { after, before } = forecastWindow(s.today);
  if (scope !== "all" && "pcnId" in scope)
    await db.all("SELECT figures_json FROM pcn_standings WHERE pcn_key = ?", [scope.pcnId]);
  else
    await db.all("SELECT figures_json FROM scope_standings WHERE scope = ?", [
      scope === "all" ? "all" : `ics:${scope.icsName}`,
    ]);
  const rows = await dashboardRows(db, scope, DASHBOARD_PAGE_SIZE);
  if (scope === "all" || !("pcnId" in scope)) {
    await db.all(
      `SELECT substr(e.expires_on, 1, 7) AS month, e.requirement_id, sum(e.people) AS n FROM scope_expiries e
       WHERE e.scope = ? AND e.expires_on > ? AND e.expires_on < ? GROUP BY substr(e.expires_on, 1, 7), e.requirement_id`,
      [scope === "all" ? "all" : `ics:${scope.icsName}`, after, before],
    );
    return rows;
  }
  const lapsing = `FROM person_requirement_states r JOIN person_standings s ON s.user_id = r.user_id
    WHERE r.expires_on > ? AND r.expires_on < ? AND s.pcn_id = ?`;
  await db.all(
    `SELECT substr(r.expires_on, 1, 7) AS month, r.requirement_id, count(*) AS n ${lapsing}
     GROUP BY substr(r.expires_on, 1, 7), r.requirement_id`,
    [after, before, scope.pcnId],
  );
  await db.all(
    `SELECT r.requirement_id, r.expires_on, s.user_id, s.name ${lapsing} ORDER BY r.expires_on, s.sort_name, s.user_id`,
    [after, before, scope.pcnId],
  );
  return rows;
}

/** The admin's choices of scope on the dashboard: every ICS, and the PCNs of the one chosen (or of none). */
async function scopeChoices(db: RawDb, icsName: string | null) {
  await db.all("SELECT DISTINCT ics_name FROM pcns WHERE ics_name IS NOT NULL ORDER BY ics_name");
  await db.all(
    `SELECT id, name FROM pcns WHERE ${icsName === null ? "ics_name IS NULL" : "ics_name = ?"} ORDER BY name`,
    icsName === null ? [] : [icsName],
  );
}

/** The readiness API's first page, as stored: the first PAGE_SIZE staff by person id (one more says whether more follow). */
function readinessPage(db: RawDb, where: string, parameters: readonly unknown[]) {
  return db.all(
    `SELECT s.user_id, s.name, s.job_role, s.pcn_id, s.readiness, s.blockers_json, s.awaiting_json FROM person_standings s
     WHERE (${where}) AND s.user_id > ? ORDER BY s.user_id LIMIT ?`,
    [...parameters, 0, PAGE_SIZE + 1],
  );
}

async function home(db: RawDb, s: Subjects, who: Account) {
  await signedIn(db, who, s.today);
  const team = [who.id, ...who.superviseeIds];
  await db.all(
    `SELECT u.id, u.name, u.job_role, u.pcn_id FROM users u WHERE u.active = 1 AND u.job_role IS NOT NULL AND u.id IN (${marks(team.length)}) ORDER BY u.name, u.id`,
    team,
  );
  await db.all(`SELECT * FROM training_records WHERE user_id IN (${marks(team.length)}) ORDER BY id`, team);
  await supervisionFacts(db, `u.id IN (${marks(team.length)})`, team);
  await matrix(db, who.id);
  await db.all(
    `SELECT e.id, v.title FROM evidence_items e JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
     WHERE e.owner_id = ? AND e.status = 'returned' ORDER BY e.updated_at`,
    [who.id],
  );
  if (who.superviseeIds.length) {
    const supervisees = ids(who.superviseeIds);
    await db.all(
      `SELECT m.id, m.met_on, u.name FROM supervision_meetings m JOIN users u ON u.id = m.staff_id
       WHERE m.status = 'pending' AND m.supervisor_id = ? AND m.staff_id IN (${marks(supervisees.length)}) ORDER BY m.met_on, m.id`,
      [who.id, ...supervisees],
    );
    await db.all(
      `SELECT count(*) AS n FROM evidence_items WHERE status = 'submitted' AND owner_id IN (${marks(supervisees.length)})`,
      supervisees,
    );
  }
}

/** An audit page holds 50 entries (app/routes/audit.tsx). */
const AUDIT_PAGE_SIZE = 50;

/** What each kind of record the trail names is called, and whose it is, as the page words its sentences. */
const RECORD_NAMES: Record<string, string> = {
  training: "SELECT id, requirement_id AS name, user_id AS owner FROM training_records WHERE id IN",
  cpd: "SELECT id, activity AS name, user_id AS owner FROM cpd_entries WHERE id IN",
  evidence: `SELECT e.id, v.title AS name, e.owner_id AS owner FROM evidence_items e
    JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version WHERE e.id IN`,
  supervision_meeting: "SELECT id, met_on AS name, staff_id AS owner FROM supervision_meetings WHERE id IN",
};

/**
 * A page of the audit trail as the page reads it: the newest 50 entries (optionally of one kind of record), or the
 * 50 just older than the entry an "Older" link names, in the trail's keyset order (time, then id) through the
 * index of its filter; the capped count; the people to filter by; the records' names and their owners' names.
 * (The page names every person a change mentions; the owners stand in for them.) Returns the entries read.
 */
async function auditPage(db: RawDb, s: Subjects, filter: { entity?: string; olderThan?: number }): Promise<Row[]> {
  await signedIn(db, s.admin, s.today);
  // The person filter offers a list of up to 1,000 people; with more (a national trail) it is a text field.
  const [listed] = await db.all(
    "SELECT count(*) AS n FROM (SELECT 1 AS one FROM users WHERE purged_at IS NULL LIMIT ?) listed",
    [PEOPLE_IN_A_LIST + 1],
  );
  if (Number(listed!.n) <= PEOPLE_IN_A_LIST)
    await db.all("SELECT id, name FROM users WHERE purged_at IS NULL ORDER BY name, id LIMIT ?", [PEOPLE_IN_A_LIST]);
  const [key] = filter.olderThan ? await db.all("SELECT at, id FROM audit_log WHERE id = ?", [filter.olderThan]) : [];
  const kind = filter.entity ? ["a.entity = ?"] : [];
  const kindParameters = filter.entity ? [filter.entity] : [];
  const where = [...kind, ...(key ? ["a.at <= ? AND (a.at < ? OR a.id < ?)"] : [])].join(" AND ") || "1 = 1";
  const parameters = [...kindParameters, ...(key ? [key.at, key.at, key.id] : [])];
  const rows = await db.all(
    `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
     WHERE ${where} ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    [...parameters, AUDIT_PAGE_SIZE + 1],
  );
  await db.all(
    `SELECT count(*) AS n FROM (SELECT 1 AS one FROM audit_log a WHERE ${kind[0] ?? "1 = 1"} LIMIT ?) capped`,
    [...kindParameters, AUDIT_COUNT_CAP + 1],
  );
  // A page reached by an "Older" link offers "Newer" when anything is newer than its first entry.
  const first = rows[0];
  if (key && first)
    await db.all(
      `SELECT a.id FROM audit_log a WHERE ${[...kind, "a.at >= ? AND (a.at > ? OR a.id > ?)"].join(" AND ")}
       ORDER BY a.at, a.id LIMIT 1`,
      [...kindParameters, first.at, first.at, first.id],
    );
  const owners = new Set<number>();
  for (const [entity, select] of Object.entries(RECORD_NAMES)) {
    const recordIds = rows.filter((r) => r.entity === entity).map((r) => Number(r.entity_id));
    if (!recordIds.length) continue;
    for (const r of await db.all(`${select} (${marks(recordIds.length)})`, recordIds)) owners.add(Number(r.owner));
  }
  if (owners.size) await db.all(`SELECT id, name FROM users WHERE id IN (${marks(owners.size)})`, [...owners]);
  return rows;
}

async function evidencePage(db: RawDb, s: Subjects) {
  const owner = s.coordinator.id;
  await db.all("SELECT count(*) AS n FROM evidence_items WHERE owner_id = ?", [owner]);
  const rows: Row[] = await db.all(
    `SELECT e.id, e.status, v.id AS version_id, v.title, v.activity_date, v.type
     FROM evidence_items e JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
     WHERE e.owner_id = ? ORDER BY v.activity_date DESC, e.id DESC LIMIT 20`,
    [owner],
  );
  const versions = ids(rows.map((r) => Number(r.version_id)));
  await db.all(
    `SELECT version_id, competency_id FROM evidence_version_competencies WHERE version_id IN (${marks(versions.length)})`,
    versions,
  );
}

/** The year's evidence with its text, competencies, reviews and files, training, CPD and meetings. */
async function portfolio(db: RawDb, s: Subjects) {
  const owner = s.coordinator.id;
  const inYear = "e.owner_id = ? AND v.activity_date >= ? AND v.activity_date <= ?";
  const year = [owner, s.year.start, s.year.end];
  const current = "JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version";
  await db.all("SELECT u.*, p.name AS pcn_name FROM users u LEFT JOIN pcns p ON p.id = u.pcn_id WHERE u.id = ?", [
    owner,
  ]);
  await db.all(
    "SELECT u.name FROM supervision_arrangements a JOIN users u ON u.id = a.person_id WHERE a.staff_id = ? AND a.ended_on IS NULL",
    [owner],
  );
  await matrix(db, owner);
  await db.all(
    `SELECT e.id, e.status, v.id AS version_id, v.version, v.title, v.type, v.activity_date, v.what_happened, v.what_learned, v.what_next
     FROM evidence_items e ${current} WHERE ${inYear} ORDER BY v.activity_date, e.id`,
    year,
  );
  await db.all(
    `SELECT c.version_id, c.competency_id FROM evidence_items e ${current}
     JOIN evidence_version_competencies c ON c.version_id = v.id WHERE ${inYear}`,
    year,
  );
  await db.all(
    `SELECT r.evidence_id, r.version, r.action, r.comment, r.at, u.name FROM evidence_items e ${current}
     JOIN evidence_reviews r ON r.evidence_id = e.id JOIN users u ON u.id = r.actor_id WHERE ${inYear} ORDER BY r.id`,
    year,
  );
  await db.all(
    `SELECT x.version_id, f.file_name, f.mime, f.size, f.sha256 FROM evidence_items e ${current}
     JOIN evidence_version_attachments x ON x.version_id = v.id JOIN attachments f ON f.id = x.attachment_id WHERE ${inYear}`,
    year,
  );
  await db.all("SELECT * FROM training_records WHERE user_id = ? ORDER BY id", [owner]);
  await db.all(
    "SELECT * FROM cpd_entries WHERE user_id = ? AND activity_date >= ? AND activity_date <= ? ORDER BY activity_date",
    year,
  );
  await db.all(
    `SELECT m.*, u.name AS supervisor_name FROM supervision_meetings m JOIN users u ON u.id = m.supervisor_id
     WHERE m.staff_id = ? AND m.met_on >= ? AND m.met_on <= ? ORDER BY m.met_on`,
    year,
  );
}

export const FLOORS = {
  coordinatorHome: (db, s) => home(db, s, s.coordinator),
  evidenceList: async (db, s) => {
    await signedIn(db, s.coordinator, s.today);
    await evidencePage(db, s);
  },
  competency: async (db, s) => {
    await signedIn(db, s.coordinator, s.today);
    await matrix(db, s.coordinator.id);
    await db.all(
      `SELECT e.id, e.status, v.title, v.activity_date, v.type FROM evidence_items e
       JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
       JOIN evidence_version_competencies c ON c.version_id = v.id AND c.competency_id = ?
       WHERE e.owner_id = ? ORDER BY v.activity_date DESC, e.id DESC LIMIT 100`,
      [s.competencyId, s.coordinator.id],
    );
    await db.all(
      "SELECT s.id, s.action, s.at, s.comment, u.name FROM competency_signoffs s JOIN users u ON u.id = s.actor_id WHERE s.user_id = ? AND s.competency_id = ? ORDER BY s.id DESC",
      [s.coordinator.id, s.competencyId],
    );
  },
  reviewQueue: async (db, s) => {
    await signedIn(db, s.supervisor, s.today);
    const supervisees = ids(s.supervisor.superviseeIds);
    const among = `e.status = 'submitted' AND e.owner_id IN (${marks(supervisees.length)})`;
    await db.all(`SELECT count(*) AS n FROM evidence_items e WHERE ${among}`, supervisees);
    await db.all(
      `SELECT e.id, v.title, v.type, u.name, max(r.at) AS submitted_at FROM evidence_items e
       JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
       JOIN users u ON u.id = e.owner_id
       JOIN evidence_reviews r ON r.evidence_id = e.id AND r.action = 'submit'
       WHERE ${among} GROUP BY e.id, v.title, v.type, u.name ORDER BY submitted_at LIMIT 25`,
      supervisees,
    );
  },
  supervisorHome: (db, s) => home(db, s, s.supervisor),
  leadDashboard: async (db, s) => {
    await signedIn(db, s.lead, s.today);
    return dashboard(db, s, { pcnId: s.lead.pcnId! });
  },
  leadCsv: async (db, s) => {
    await signedIn(db, s.lead, s.today);
    return dashboardRows(db, { pcnId: s.lead.pcnId! });
  },
  leadReadiness: async (db, s) => {
    await signedIn(db, s.lead, s.today);
    // A lead sees their own PCN's staff, and themselves.
    return readinessPage(db, "s.user_id = ? OR s.pcn_id = ?", [s.lead.id, s.lead.pcnId]);
  },
  adminReadiness: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    return readinessPage(db, "1 = 1", []);
  },
  people: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    const listed = "u.active = 1 AND u.purged_at IS NULL";
    await db.all(`SELECT count(*) AS n FROM users u WHERE ${listed}`);
    const rows = await db.all(
      `SELECT u.id, u.name, u.email, u.job_role, u.active, p.name AS pcn_name FROM users u LEFT JOIN pcns p ON p.id = u.pcn_id
       WHERE ${listed} ORDER BY u.name LIMIT 25`,
    );
    const people = ids(rows.map((r) => Number(r.id)));
    await db.all(`SELECT user_id, role FROM user_roles WHERE user_id IN (${marks(people.length)})`, people);
  },
  auditFirst: (db, s) => auditPage(db, s, {}),
  auditFiltered: (db, s) => auditPage(db, s, { entity: s.auditFilter.entity }),
  auditDeep: (db, s) => auditPage(db, s, { olderThan: s.auditDeepOlderThan ?? undefined }),
  adminDashboard: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    await scopeChoices(db, null);
    return dashboard(db, s, "all");
  },
  icsDashboard: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    const icsName = s.lead.icsName ?? "";
    await scopeChoices(db, icsName);
    return dashboard(db, s, { icsName });
  },
  portfolioPdf: async (db, s) => {
    await signedIn(db, s.coordinator, s.today);
    await portfolio(db, s);
  },
} satisfies Record<string, Floor>;
