/**
 * The floor of each page: the rows the page shows, fetched with plain SQL through the driver alone (./raw-db.ts),
 * with no Kysely, rules, React or HTTP. Page time over floor time is the page's overhead. Each floor starts with the
 * lookups every signed-in request needs (session, person, roles, supervisees). Written with `?` placeholders and
 * SQL that SQLite and PostgreSQL both run.
 */
import { PAGE_SIZE } from "~/domain/readiness-pages";
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

/** Which staff a scope covers: one PCN, the PCNs of one ICS, or everyone. */
type Scope = { pcnId: number } | { icsName: string } | "all";

function scopeWhere(scope: Scope): { where: string; parameters: unknown[] } {
  const staff = "u.active = 1 AND u.job_role IS NOT NULL";
  if (scope === "all") return { where: staff, parameters: [] };
  if ("pcnId" in scope) return { where: `${staff} AND u.pcn_id = ?`, parameters: [scope.pcnId] };
  return { where: `${staff} AND u.pcn_id IN (SELECT id FROM pcns WHERE ics_name = ?)`, parameters: [scope.icsName] };
}

/** Staff of a scope with their training records: what readiness is worked out from. */
async function staffTraining(db: RawDb, scope: Scope) {
  const { where, parameters } = scopeWhere(scope);
  await db.all(
    `SELECT u.id, u.name, u.job_role, p.name AS pcn_name FROM users u LEFT JOIN pcns p ON p.id = u.pcn_id WHERE ${where} ORDER BY u.name, u.id`,
    parameters,
  );
  await db.all(`SELECT t.* FROM training_records t JOIN users u ON u.id = t.user_id WHERE ${where}`, parameters);
}

/** Last confirmed meeting and whether there is a supervisor, per person of a scope (or of a list of ids). */
async function supervisionFacts(db: RawDb, where: string, parameters: readonly unknown[]) {
  await db.all(
    `SELECT u.id, u.fte, u.start_date, u.created_at,
       (SELECT max(m.met_on) FROM supervision_meetings m WHERE m.staff_id = u.id AND m.status = 'confirmed') AS last_met_on,
       (SELECT count(*) FROM supervision_arrangements a WHERE a.staff_id = u.id AND a.kind = 'supervisor' AND a.ended_on IS NULL) AS supervisors
     FROM users u WHERE ${where}`,
    parameters,
  );
}

/** Everything a dashboard row is built from, for every member of staff in the scope. */
async function dashboard(db: RawDb, s: Subjects, scope: Scope) {
  const { where, parameters } = scopeWhere(scope);
  await staffTraining(db, scope);
  await supervisionFacts(db, where, parameters);
  await db.all(
    `SELECT c.user_id, sum(c.hours) AS hours FROM cpd_entries c JOIN users u ON u.id = c.user_id
     WHERE ${where} AND c.activity_date >= ? AND c.activity_date <= ? GROUP BY c.user_id`,
    [...parameters, s.year.start, s.year.end],
  );
  await db.all(
    `SELECT s.user_id, s.competency_id, s.action FROM competency_signoffs s JOIN users u ON u.id = s.user_id WHERE ${where} ORDER BY s.id`,
    parameters,
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

/** The newest 50 audit entries from an id down (or from the newest), optionally of one kind of record. */
async function auditPage(db: RawDb, s: Subjects, filter: { entity?: string; fromId?: number }) {
  await signedIn(db, s.admin, s.today);
  await db.all("SELECT id, name FROM users WHERE purged_at IS NULL ORDER BY name LIMIT 1000");
  const where = [filter.entity ? "a.entity = ?" : "1 = 1", filter.fromId ? "a.id <= ?" : "1 = 1"].join(" AND ");
  const parameters = [...(filter.entity ? [filter.entity] : []), ...(filter.fromId ? [filter.fromId] : [])];
  await db.all(
    `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE ${where} ORDER BY a.id DESC LIMIT 50`,
    parameters,
  );
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
    await dashboard(db, s, { pcnId: s.lead.pcnId! });
  },
  leadReadiness: async (db, s) => {
    await signedIn(db, s.lead, s.today);
    await staffTraining(db, { pcnId: s.lead.pcnId! });
  },
  adminReadiness: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    // The API's first page: the first PAGE_SIZE staff by person id (one more says whether a next page follows).
    const { where, parameters } = scopeWhere("all");
    const page = await db.all(
      `SELECT u.id, u.name, u.job_role, u.pcn_id FROM users u WHERE ${where} ORDER BY u.id LIMIT ?`,
      [...parameters, PAGE_SIZE + 1],
    );
    const people = page.slice(0, PAGE_SIZE).map((r) => Number(r.id));
    await db.all(`SELECT t.* FROM training_records t WHERE t.user_id IN (${marks(people.length)})`, ids(people));
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
  auditDeep: (db, s) => auditPage(db, s, { fromId: s.auditDeepFromId ?? undefined }),
  adminDashboard: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    await db.all("SELECT id, name FROM pcns ORDER BY name");
    await dashboard(db, s, "all");
  },
  icsDashboard: async (db, s) => {
    await signedIn(db, s.admin, s.today);
    await db.all("SELECT id, name FROM pcns ORDER BY name");
    await dashboard(db, s, { icsName: s.lead.icsName ?? "" });
  },
  portfolioPdf: async (db, s) => {
    await signedIn(db, s.coordinator, s.today);
    await portfolio(db, s);
  },
} satisfies Record<string, Floor>;
