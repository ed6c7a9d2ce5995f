import { findCompetency, findRequirement, getContent, jobRoleTitle } from "~/content/index.server";
import { auditChanges, auditSentence, referencedIds, type AuditLookup } from "~/domain/audit-words";
import { APP_ROLE_LABELS } from "~/domain/vocabulary";
import { auditSubjects } from "../../db/audit-subjects";
import { auditNames, auditRecordKeys, type Executor, type listAudit } from "~/models/audit.server";

/** The page of the record an entry is about, where it has one of its own. */
function recordHref(row: { entity: string; entityId: string; subjectId: number | null }): string | null {
  const owner = row.subjectId;
  switch (row.entity) {
    case "user":
      return `/people/${row.entityId}`;
    case "evidence":
      return `/evidence/${row.entityId}`;
    case "competency":
      return `/people/${row.entityId.replace(":", "/competencies/")}`;
    case "training":
      return owner ? `/people/${owner}/training/${row.entityId}` : null;
    case "supervision_meeting":
      return owner ? `/people/${owner}/supervision` : null;
    default:
      return null;
  }
}

const parseSnapshot = (json: string | null): unknown => (json ? JSON.parse(json) : null);

/** Audit rows as people read them: a sentence naming who and what, a link to the record, and what changed. */
export async function auditEntries(db: Executor, rows: Awaited<ReturnType<typeof listAudit>>["rows"]) {
  const snapshots = rows.map((r) => ({ ...r, before: parseSnapshot(r.before), after: parseSnapshot(r.after) }));
  // The records' names first: whose each record is comes with them, so the subjects need no query of their own.
  const { keys: recordKeys, owners } = await auditRecordKeys(db, snapshots);
  const subjects = await auditSubjects(db, snapshots, owners);
  const parsed = snapshots.map((r, i) => ({ ...r, subjectId: subjects[i] ?? null, recordKey: recordKeys[i] ?? null }));
  const referenced = referencedIds(parsed);
  const subjectIds = parsed.map((r) => r.subjectId).filter((id): id is number => id !== null);
  const names = await auditNames(db, { ...referenced, people: [...new Set([...referenced.people, ...subjectIds])] });
  const content = getContent();
  const lookup: AuditLookup = {
    person: (id) => names.people.get(id),
    pcn: (id) => names.pcns.get(id),
    file: (id) => names.files.get(id),
    requirement: (id) => findRequirement(content, id)?.title,
    competency: (id) => findCompetency(content, id)?.title,
    jobRole: (id) => jobRoleTitle(id) ?? undefined,
    appRole: (id) => APP_ROLE_LABELS[id as keyof typeof APP_ROLE_LABELS],
  };
  const entries = parsed.map((r) => ({
    id: r.id,
    at: r.at,
    sentence: auditSentence(
      { ...r, subjectName: r.subjectId === null ? null : (names.people.get(r.subjectId) ?? null) },
      lookup,
    ),
    href: recordHref(r),
    changes: auditChanges(r, lookup),
  }));
  return entries;
}
