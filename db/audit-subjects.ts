/**
 * Whose record an audit entry is about (its subject): the person themself, the owner of a training record, CPD
 * entry, piece of evidence or file, the member of staff in a meeting or arrangement, the person a sign-off is for.
 * The audit trail stores it at write time in `audit_people` (with the person who acted), so "everything about this
 * person" is an index lookup rather than a join per row; the migration that made the table fills it from here too.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export interface AuditRecordRef {
  entity: string;
  entityId: string;
  /** The entry's snapshots, parsed: a deleted CPD entry is found in them. */
  before: unknown;
  after: unknown;
}

type Db = Kysely<Database>;
type Owners = (db: Db, ids: number[]) => Promise<{ id: number; owner: number }[]>;

/** Each kind of record with its own row: who owns each of some of them. */
const OWNERS: Record<string, Owners> = {
  training: (db, ids) =>
    db.selectFrom("training_records").select(["id", "user_id as owner"]).where("id", "in", ids).execute(),
  cpd: (db, ids) => db.selectFrom("cpd_entries").select(["id", "user_id as owner"]).where("id", "in", ids).execute(),
  evidence: (db, ids) =>
    db.selectFrom("evidence_items").select(["id", "owner_id as owner"]).where("id", "in", ids).execute(),
  attachment: (db, ids) =>
    db.selectFrom("attachments").select(["id", "owner_id as owner"]).where("id", "in", ids).execute(),
  supervision_meeting: (db, ids) =>
    db.selectFrom("supervision_meetings").select(["id", "staff_id as owner"]).where("id", "in", ids).execute(),
  competency_rating: (db, ids) =>
    db.selectFrom("competency_ratings").select(["id", "person_id as owner"]).where("id", "in", ids).execute(),
  development_goal: (db, ids) =>
    db.selectFrom("development_goals").select(["id", "person_id as owner"]).where("id", "in", ids).execute(),
  supervision_arrangement: (db, ids) =>
    db.selectFrom("supervision_arrangements").select(["id", "staff_id as owner"]).where("id", "in", ids).execute(),
};

const LOOKUP_BATCH = 500;
const wholeNumber = (text: string | undefined): number | null => (text && /^\d+$/.test(text) ? Number(text) : null);
const snapshotUserId = (snapshot: unknown): number | null => {
  const value = (snapshot as { userId?: unknown } | null)?.userId;
  return typeof value === "number" ? value : null;
};

/** The subject of each entry, in order (null: about no one person, such as a PCN or the routine purge). */
export async function auditSubjects(db: Db, refs: AuditRecordRef[]): Promise<(number | null)[]> {
  const owners = new Map<string, Map<number, number>>();
  for (const [entity, ownersOf] of Object.entries(OWNERS)) {
    const ids = [...new Set(refs.filter((r) => r.entity === entity).map((r) => wholeNumber(r.entityId)))].filter(
      (id): id is number => id !== null,
    );
    const found = new Map<number, number>();
    for (let i = 0; i < ids.length; i += LOOKUP_BATCH)
      for (const row of await ownersOf(db, ids.slice(i, i + LOOKUP_BATCH))) found.set(row.id, row.owner);
    owners.set(entity, found);
  }
  return refs.map((ref) => {
    if (ref.entity === "user") return wholeNumber(ref.entityId);
    // A sign-off is named "<person>:<competency>".
    if (ref.entity === "competency") return wholeNumber(ref.entityId.split(":")[0]);
    const owner = owners.get(ref.entity)?.get(wholeNumber(ref.entityId) ?? -1) ?? null;
    if (ref.entity === "cpd") return owner ?? snapshotUserId(ref.before) ?? snapshotUserId(ref.after);
    return owner;
  });
}

/** The people an entry concerns, once each: who acted and whose record it is about. */
export function peopleConcerned(actorId: number | null, subjectId: number | null): number[] {
  return [...new Set([actorId, subjectId])].filter((id): id is number => id !== null);
}

const parseSnapshot = (json: string | null): unknown => {
  try {
    return json ? JSON.parse(json) : null;
  } catch {
    return null;
  }
};

/**
 * Fills `audit_people` for the entries after `afterId` that are not in it yet, in batches: for the migration that
 * made the table, and for a bulk load that wrote `audit_log` directly.
 */
export async function fillAuditPeople(db: Db, afterId = 0, batch = 2_000): Promise<number> {
  let last = afterId;
  let filled = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["id", "at", "actor_id", "entity", "entity_id", "before_json", "after_json"])
      .where("id", ">", last)
      .orderBy("id")
      .limit(batch)
      .execute();
    if (!rows.length) return filled;
    const subjects = await auditSubjects(
      db,
      rows.map((r) => ({
        entity: r.entity,
        entityId: r.entity_id,
        before: parseSnapshot(r.before_json),
        after: parseSnapshot(r.after_json),
      })),
    );
    const values = rows.flatMap((r, i) =>
      peopleConcerned(r.actor_id, subjects[i]!).map((personId) => ({ person_id: personId, at: r.at, audit_id: r.id })),
    );
    if (values.length)
      await db
        .insertInto("audit_people")
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .execute();
    filled += values.length;
    last = rows.at(-1)!.id;
  }
}
