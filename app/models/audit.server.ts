import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import { auditSubjects, OWNER_COLUMNS, peopleConcerned, type AuditRecordRef } from "../../db/audit-subjects";
import type { Database } from "../../db/schema";
import type { AuditAction, AuditEntity } from "~/domain/vocabulary";
import { nowIso } from "~/lib/time.server";

export type Executor = Kysely<Database> | Transaction<Database>;

interface AuditFields {
  actorId: number | null;
  pcnId: number | null;
  entityId: number | string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** One entry, with an action that belongs to its entity (see AUDIT_ACTIONS, which also gives each one words). */
export type AuditEntry = { [E in AuditEntity]: AuditFields & { entity: E; action: AuditAction<E> } }[AuditEntity];

/**
 * Appends one row to the audit trail, and the people it concerns to `audit_people` (the trail's person filter). Call
 * it with the same transaction that makes the change, after the change, so the record's owner can be found.
 */
export async function writeAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  // The entry and its people go in together, even for a caller with no transaction of its own.
  if (!trx.isTransaction) return trx.transaction().execute((inner) => writeAudit(inner, entry));
  const at = nowIso();
  const entityId = String(entry.entityId);
  const { id } = await trx
    .insertInto("audit_log")
    .values({
      at,
      actor_id: entry.actorId,
      pcn_id: entry.pcnId,
      entity: entry.entity,
      entity_id: entityId,
      action: entry.action,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.ip ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const [subjectId] = await auditSubjects(trx, [
    { entity: entry.entity, entityId, before: entry.before ?? null, after: entry.after ?? null },
  ]);
  const people = peopleConcerned(entry.actorId, subjectId ?? null);
  if (people.length)
    await trx
      .insertInto("audit_people")
      .values(people.map((personId) => ({ person_id: personId, at, audit_id: id })))
      .execute();
}

export interface AuditFilter {
  pcnId?: number;
  entity?: AuditEntity;
  actorId?: number;
  /** Entries made by this person or about their records. */
  personId?: number;
  from?: string;
  to?: string;
}

/** Where an entry sits in the trail: newest first by time, then by id for entries made in the same millisecond. */
export interface AuditKey {
  at: string;
  id: number;
}

/** A page of the trail: the newest entries, or those just older or just newer than an entry already shown. */
export interface AuditPageRequest {
  from?: { key: AuditKey; direction: "older" | "newer" };
  size: number;
}

/** Counting stops here: past it the page says "more than", so a count never reads the whole trail. */
export const AUDIT_COUNT_CAP = 10_000;

type AuditQuery = SelectQueryBuilder<Database, "audit_log", object>;

/**
 * The entries a filter allows, with the columns that order them. Each filter is the leading part of an index (see
 * migration 0009), so a page reads only its own rows: a person's entries come from `audit_people` in key order.
 */
function filtered(db: Executor, filter: AuditFilter) {
  const byPerson = filter.personId !== undefined;
  let query = byPerson
    ? // Joined rows keep audit_log's columns under their own names; only the key comes from audit_people.
      (db
        .selectFrom("audit_people")
        .innerJoin("audit_log", "audit_log.id", "audit_people.audit_id")
        .where("audit_people.person_id", "=", filter.personId!) as unknown as AuditQuery)
    : db.selectFrom("audit_log");
  const at = sql.ref<string>(byPerson ? "audit_people.at" : "audit_log.at");
  const id = sql.ref<number>(byPerson ? "audit_people.audit_id" : "audit_log.id");
  if (filter.pcnId !== undefined) query = query.where("audit_log.pcn_id", "=", filter.pcnId);
  if (filter.entity) query = query.where("audit_log.entity", "=", filter.entity);
  if (filter.actorId !== undefined) query = query.where("audit_log.actor_id", "=", filter.actorId);
  if (filter.from) query = query.where(at, ">=", filter.from);
  if (filter.to) query = query.where(at, "<", `${filter.to}T99`);
  return { query, at, id };
}

/** Entries strictly older (or newer) than `key`, nearest first. */
function beyond(db: Executor, filter: AuditFilter, key: AuditKey | undefined, direction: "older" | "newer") {
  const { query, at, id } = filtered(db, filter);
  const order = direction === "older" ? "desc" : "asc";
  const sorted = query.orderBy(at, order).orderBy(id, order);
  if (!key) return sorted;
  const [past, pastOrEqual] = direction === "older" ? (["<", "<="] as const) : ([">", ">="] as const);
  // The leading `at` bound is an index range in both databases; the rest only settles ties.
  return sorted.where(at, pastOrEqual, key.at).where((eb) => eb.or([eb(at, past, key.at), eb(id, past, key.id)]));
}

/** The key of entry `id`, or null when there is no such entry (a cursor someone typed or kept from elsewhere). */
export async function auditKeyOf(db: Executor, id: number): Promise<AuditKey | null> {
  return (await db.selectFrom("audit_log").select(["at", "id"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** One page of entries, newest first, and whether there are older and newer ones beyond it. */
export async function listAudit(db: Executor, filter: AuditFilter, page: AuditPageRequest) {
  const direction = page.from?.direction ?? "older";
  const fetched = await beyond(db, filter, page.from?.key, direction)
    .leftJoin("users as actor", "actor.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_id as actorId",
      "audit_log.entity",
      "audit_log.entity_id as entityId",
      "audit_log.action",
      "audit_log.before_json as before",
      "audit_log.after_json as after",
      "audit_log.ip",
      "actor.name as actorName",
    ])
    .limit(page.size + 1)
    .execute();
  const more = fetched.length > page.size;
  const inPage = fetched.slice(0, page.size);
  const rows = direction === "older" ? inPage : inPage.reverse();
  // The other side of the page, from its edge row or, on an empty page, from where it was asked to start.
  const edge = (direction === "older" ? rows[0] : rows.at(-1)) ?? page.from?.key;
  const otherSide = direction === "older" ? "newer" : "older";
  // The first page starts at the newest entry, so nothing is newer.
  const beyondEdge =
    edge && page.from
      ? Boolean(await beyond(db, filter, edge, otherSide).select("audit_log.id").limit(1).executeTakeFirst())
      : false;
  return {
    rows,
    hasOlder: direction === "older" ? more : beyondEdge,
    hasNewer: direction === "newer" ? more : beyondEdge,
  };
}

/** How many entries the filter allows, counted through its index and only up to AUDIT_COUNT_CAP (then `capped`). */
export async function countAudit(db: Executor, filter: AuditFilter): Promise<{ count: number; capped: boolean }> {
  const { query } = filtered(db, filter);
  const { n } = await db
    .selectFrom(
      query
        .select(sql<number>`1`.as("one"))
        .limit(AUDIT_COUNT_CAP + 1)
        .as("capped"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const count = Number(n);
  return count > AUDIT_COUNT_CAP ? { count: AUDIT_COUNT_CAP, capped: true } : { count, capped: false };
}

/**
 * What each record is called, for the sentence: a training requirement id, a CPD activity, an evidence title, a file
 * name, a meeting date, "<kind>:<person>" for an arrangement, a competency id, a PCN name. A record since deleted is
 * named from its last snapshot where it has one. Whose record each is (OWNER_COLUMNS) comes with its name, for
 * auditSubjects, so each kind of record is read once.
 */
export async function auditRecordKeys(db: Executor, rows: AuditRecordRef[]) {
  const idsOf = (entity: AuditEntity) => [
    ...new Set(rows.filter((r) => r.entity === entity && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId))),
  ];
  const owners = new Map<string, Map<number, number>>();
  const named = async (
    entity: AuditEntity,
    find: (ids: number[]) => Promise<{ id: number; key: string; owner: number | null }[]>,
  ) => {
    const ids = idsOf(entity);
    const found = ids.length ? await find(ids) : [];
    if (OWNER_COLUMNS.some(([kind]) => kind === entity))
      owners.set(entity, new Map(found.flatMap((r) => (r.owner === null ? [] : [[r.id, r.owner] as const]))));
    return [entity, new Map(found.map((r) => [r.id, r.key]))] as const;
  };
  const keys = new Map(
    await Promise.all([
      named("training", (ids) =>
        db
          .selectFrom("training_records")
          .select(["id", "requirement_id as key", ownerOf("training")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("cpd", (ids) =>
        db
          .selectFrom("cpd_entries")
          .select(["id", "activity as key", ownerOf("cpd")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("evidence", (ids) =>
        db
          .selectFrom("evidence_items as e")
          .innerJoin("evidence_versions as v", (join) =>
            join.onRef("v.evidence_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
          )
          .select(["e.id", "v.title as key", ownerOf("evidence", "e")])
          .where("e.id", "in", ids)
          .execute(),
      ),
      named("attachment", (ids) =>
        db
          .selectFrom("attachments")
          .select(["id", "file_name as key", ownerOf("attachment")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("supervision_meeting", (ids) =>
        db
          .selectFrom("supervision_meetings")
          .select(["id", "met_on as key", ownerOf("supervision_meeting")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("supervision_arrangement", async (ids) =>
        (
          await db
            .selectFrom("supervision_arrangements as a")
            .innerJoin("users as u", "u.id", "a.person_id")
            .select(["a.id", "a.kind", "u.name", ownerOf("supervision_arrangement", "a")])
            .where("a.id", "in", ids)
            .execute()
        ).map((a) => ({ id: a.id, key: `${a.kind}:${a.name}`, owner: a.owner })),
      ),
      named("competency_rating", (ids) =>
        db
          .selectFrom("competency_ratings")
          .select(["id", "competency_id as key", ownerOf("competency_rating")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("development_goal", (ids) =>
        db
          .selectFrom("development_goals")
          .select(["id", "title as key", ownerOf("development_goal")])
          .where("id", "in", ids)
          .execute(),
      ),
      named("appraisal", (ids) =>
        db
          .selectFrom("appraisals as a")
          .innerJoin("appraisal_versions as v", (join) =>
            join.onRef("v.appraisal_id", "=", "a.id").onRef("v.version", "=", "a.current_version"),
          )
          .select(["a.id", "v.held_on as key", ownerOf("appraisal", "a")])
          .where("a.id", "in", ids)
          .execute(),
      ),
      named("pcn", (ids) =>
        db
          .selectFrom("pcns")
          .select(["id", "name as key", sql<null>`null`.as("owner")])
          .where("id", "in", ids)
          .execute(),
      ),
    ]),
  );
  const field = (snapshot: unknown, name: string) => {
    const value = (snapshot as Record<string, unknown> | null)?.[name];
    return typeof value === "string" ? value : null;
  };
  const recordKeys = rows.map((r) => {
    const current = keys.get(r.entity as AuditEntity)?.get(Number(r.entityId)) ?? null;
    switch (r.entity) {
      case "training":
        return current ?? field(r.after, "requirementId");
      case "cpd":
        return current ?? field(r.before, "activity") ?? field(r.after, "activity");
      case "competency":
        return r.entityId.slice(r.entityId.indexOf(":") + 1);
      case "induction":
        // Each entry names the item it ticked or unticked; the checklist's making names none.
        return field(r.after, "item") ?? field(r.before, "item");
      default:
        return current;
    }
  });
  return { keys: recordKeys, owners };
}

/** Whose record it is, as OWNER_COLUMNS has it for each kind of record (on the table or alias `from`). */
function ownerOf(entity: (typeof OWNER_COLUMNS)[number][0], from?: string) {
  const column = OWNER_COLUMNS.find(([kind]) => kind === entity)![2];
  return sql<number>`${sql.ref(from ? `${from}.${column}` : column)}`.as("owner");
}

/** Names for the ids a page of snapshots mentions: people, PCNs and files. */
export async function auditNames(db: Executor, ids: { people: number[]; pcns: number[]; files: number[] }) {
  const [people, pcns, files] = await Promise.all([
    ids.people.length ? db.selectFrom("users").select(["id", "name"]).where("id", "in", ids.people).execute() : [],
    ids.pcns.length ? db.selectFrom("pcns").select(["id", "name"]).where("id", "in", ids.pcns).execute() : [],
    ids.files.length
      ? db.selectFrom("attachments").select(["id", "file_name as name"]).where("id", "in", ids.files).execute()
      : [],
  ]);
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { people: byId(people), pcns: byId(pcns), files: byId(files) };
}
