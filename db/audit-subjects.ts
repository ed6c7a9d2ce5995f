/**
 * Whose record an audit entry is about (its subject): the person themself, the owner of a training record, CPD
 * entry, piece of evidence or file, the member of staff in a meeting or arrangement, the person a sign-off is for.
 * The audit trail stores it at write time in `audit_people` (with the person who acted), so "everything about this
 * person" is an index lookup rather than a join per row; the migration that made the table fills it from here too.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import { dialectOf } from "./migrations/portable";
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

/** Each kind of record with its own row, with its table and the column naming whose record it is. */
export const OWNER_COLUMNS = [
  ["training", "training_records", "user_id"],
  ["cpd", "cpd_entries", "user_id"],
  ["evidence", "evidence_items", "owner_id"],
  ["attachment", "attachments", "owner_id"],
  ["supervision_meeting", "supervision_meetings", "staff_id"],
  ["supervision_arrangement", "supervision_arrangements", "staff_id"],
  ["competency_rating", "competency_ratings", "person_id"],
  ["development_goal", "development_goals", "person_id"],
  ["appraisal", "appraisals", "person_id"],
  ["induction", "induction_checklists", "person_id"],
] as const;

/** Who owns each of some records of one kind, from OWNER_COLUMNS (the SQL fill below reads the same list). */
const ownersOf =
  (table: string, owner: string): Owners =>
  (db, ids) =>
    db
      .selectFrom(`${table} as t` as "training_records as t")
      .select([sql<number>`t.id`.as("id"), sql<number>`t.${sql.raw(owner)}`.as("owner")])
      .where(sql.ref("t.id"), "in", ids)
      .execute();

const LOOKUP_BATCH = 500;
const wholeNumber = (text: string | undefined): number | null => (text && /^\d+$/.test(text) ? Number(text) : null);
const snapshotUserId = (snapshot: unknown): number | null => {
  const value = (snapshot as { userId?: unknown } | null)?.userId;
  return typeof value === "number" ? value : null;
};

/**
 * The subject of each entry, in order (null: about no one person, such as a PCN or the routine purge). `known`: the
 * owners of some kinds of record already read (by id), which are not read again.
 */
export async function auditSubjects(
  db: Db,
  refs: AuditRecordRef[],
  known: ReadonlyMap<string, ReadonlyMap<number, number>> = new Map(),
): Promise<(number | null)[]> {
  const owners = new Map<string, ReadonlyMap<number, number>>();
  for (const [entity, table, column] of OWNER_COLUMNS) {
    const read = known.get(entity);
    if (read) {
      owners.set(entity, read);
      continue;
    }
    const ids = [...new Set(refs.filter((r) => r.entity === entity).map((r) => wholeNumber(r.entityId)))].filter(
      (id): id is number => id !== null,
    );
    const found = new Map<number, number>();
    for (let i = 0; i < ids.length; i += LOOKUP_BATCH)
      for (const row of await ownersOf(table, column)(db, ids.slice(i, i + LOOKUP_BATCH))) found.set(row.id, row.owner);
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

/** SQL for "this text is a whole number" and "that number", as `wholeNumber` has it, on each database. */
function numberSql(db: Db) {
  const postgres = dialectOf(db) === "postgres";
  // Up to 18 digits: every id fits in a 64-bit integer, and a longer "number" names no record anyway.
  const isWhole = (text: RawBuilder<string>) =>
    postgres
      ? sql<boolean>`(${text} ~ '^[0-9]{1,18}$')`
      : sql<boolean>`(${text} <> '' and length(${text}) <= 18 and ${text} not glob '*[^0-9]*')`;
  const toNumber = (text: RawBuilder<string>) => sql<number>`cast(${text} as bigint)`;
  // The part of a sign-off's name before its first ":" (all of it when there is none).
  const beforeColon = (text: RawBuilder<string>) =>
    postgres
      ? sql<string>`split_part(${text}, ':', 1)`
      : sql<string>`(case when instr(${text}, ':') > 0 then substr(${text}, 1, instr(${text}, ':') - 1) else ${text} end)`;
  // A snapshot's numeric userId, or null (not a number, or no such field).
  const snapshotUserId = (column: string) =>
    postgres
      ? sql<
          number | null
        >`(case when jsonb_typeof(cast(${sql.ref(column)} as jsonb) -> 'userId') = 'number' then cast(cast(${sql.ref(column)} as jsonb) ->> 'userId' as numeric) end)`
      : sql<
          number | null
        >`(case when json_type(${sql.ref(column)}, '$.userId') in ('integer', 'real') then json_extract(${sql.ref(column)}, '$.userId') end)`;
  return { isWhole, toNumber, beforeColon, snapshotUserId };
}

/**
 * Fills `audit_people` for the entries after `afterId`, set by set in SQL: who acted, then each kind of record's
 * subject (as auditSubjects works it out, entry by entry, when the app writes one). For the migration that made
 * the table, and for a bulk load that wrote `audit_log` directly. Returns how many rows it added. `owners` narrows
 * the kinds of record to those whose tables exist (a migration passes the kinds of its own time).
 */
export async function fillAuditPeople(
  db: Db,
  afterId = 0,
  owners: readonly (typeof OWNER_COLUMNS)[number][] = OWNER_COLUMNS,
): Promise<number> {
  const { isWhole, toNumber, beforeColon, snapshotUserId } = numberSql(db);
  const entityId = sql<string>`a.entity_id`;
  const entries = () => db.selectFrom("audit_log as a").where("a.id", ">", afterId);
  const person = (id: RawBuilder<number>) => db.selectFrom("users as u").select("u.id").where("u.id", "=", id);
  const subjects = [
    entries().select(["a.actor_id as person_id", "a.at", "a.id as audit_id"]).where("a.actor_id", "is not", null),
    entries()
      .select([sql<number>`${toNumber(entityId)}`.as("person_id"), "a.at", "a.id as audit_id"])
      .where("a.entity", "=", "user")
      .where(isWhole(entityId))
      .where((eb) => eb.exists(person(toNumber(entityId)))),
    entries()
      .select([sql<number>`${toNumber(beforeColon(entityId))}`.as("person_id"), "a.at", "a.id as audit_id"])
      .where("a.entity", "=", "competency")
      .where(isWhole(beforeColon(entityId)))
      .where((eb) => eb.exists(person(toNumber(beforeColon(entityId))))),
    ...owners.map(([entity, table, owner]) =>
      entries()
        .innerJoin(`${table} as t` as "training_records as t", (join) =>
          join.on(sql<boolean>`t.id = ${toNumber(entityId)}`),
        )
        .select([sql<number>`t.${sql.raw(owner)}`.as("person_id"), "a.at", "a.id as audit_id"])
        .where("a.entity", "=", entity)
        .where(isWhole(entityId)),
    ),
    // A deleted CPD entry's owner is in its snapshot.
    entries()
      .select([
        sql<number>`coalesce(${snapshotUserId("a.before_json")}, ${snapshotUserId("a.after_json")})`.as("person_id"),
        "a.at",
        "a.id as audit_id",
      ])
      .where("a.entity", "=", "cpd")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("cpd_entries as c")
              .select("c.id")
              .where(sql<boolean>`${isWhole(entityId)} and c.id = ${toNumber(entityId)}`),
          ),
        ),
      )
      .where((eb) =>
        eb.exists(person(sql<number>`coalesce(${snapshotUserId("a.before_json")}, ${snapshotUserId("a.after_json")})`)),
      ),
  ];
  // One insert in the primary key's order: the key's index then grows at its end instead of taking each row at a
  // random place, which is what makes a fill of millions of entries take minutes rather than hours.
  const [first, ...rest] = subjects;
  const all = rest.reduce((union, subject) => union.unionAll(subject as never), first!);
  const result = await db
    .insertInto("audit_people")
    .columns(["person_id", "at", "audit_id"])
    .expression(all.orderBy("person_id").orderBy("at").orderBy("audit_id") as never)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
