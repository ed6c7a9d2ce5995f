import { sql, type Kysely, type Transaction } from "kysely";
import { jsonField, textPosition } from "../../db/dialect";
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

/** Appends one row to the audit trail. Call it with the same transaction that makes the change. */
export async function writeAudit(trx: Executor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_id: entry.actorId,
      pcn_id: entry.pcnId,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.ip ?? null,
    })
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
  page: number;
  pageSize: number;
}

const entityIdNumber = sql<number>`cast(audit_log.entity_id as integer)`;
/** A sign-off's entity id is `person:competency`. */
const entityIdColon = textPosition(sql.ref("audit_log.entity_id"), sql.lit(":"));

/**
 * The person a record belongs to: the person themself, the owner of a training record, CPD entry, piece of
 * evidence, file or sign-off, the member of staff in a meeting or arrangement. A deleted record is found in its
 * last snapshot.
 */
const subjectId = sql<number | null>`case audit_log.entity
  when 'user' then ${entityIdNumber}
  when 'training' then (select user_id from training_records where id = ${entityIdNumber})
  when 'cpd' then coalesce((select user_id from cpd_entries where id = ${entityIdNumber}), ${jsonField("audit_log.before_json", "userId", "integer")}, ${jsonField("audit_log.after_json", "userId", "integer")})
  when 'evidence' then (select owner_id from evidence_items where id = ${entityIdNumber})
  when 'attachment' then (select owner_id from attachments where id = ${entityIdNumber})
  when 'supervision_meeting' then (select staff_id from supervision_meetings where id = ${entityIdNumber})
  when 'supervision_arrangement' then (select staff_id from supervision_arrangements where id = ${entityIdNumber})
  when 'competency' then cast(substr(audit_log.entity_id, 1, ${entityIdColon} - 1) as integer)
end`;

/** What the record is called, for the sentence: a training requirement id, a title, a date, a file name. */
const recordKey = sql<string | null>`case audit_log.entity
  when 'training' then coalesce((select requirement_id from training_records where id = ${entityIdNumber}), ${jsonField("audit_log.after_json", "requirementId", "text")})
  when 'cpd' then coalesce((select activity from cpd_entries where id = ${entityIdNumber}), ${jsonField("audit_log.before_json", "activity", "text")}, ${jsonField("audit_log.after_json", "activity", "text")})
  when 'evidence' then (select v.title from evidence_items e join evidence_versions v on v.evidence_id = e.id and v.version = e.current_version where e.id = ${entityIdNumber})
  when 'attachment' then (select file_name from attachments where id = ${entityIdNumber})
  when 'supervision_meeting' then (select met_on from supervision_meetings where id = ${entityIdNumber})
  when 'supervision_arrangement' then (select a.kind || ':' || u.name from supervision_arrangements a join users u on u.id = a.person_id where a.id = ${entityIdNumber})
  when 'competency' then substr(audit_log.entity_id, ${entityIdColon} + 1)
  when 'pcn' then (select name from pcns where id = ${entityIdNumber})
end`;

export async function listAudit(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_log")
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
      subjectId.as("subjectId"),
      sql<string | null>`(select name from users where id = ${subjectId})`.as("subjectName"),
      recordKey.as("recordKey"),
    ]);
  if (filter.pcnId !== undefined) query = query.where("audit_log.pcn_id", "=", filter.pcnId);
  if (filter.entity) query = query.where("audit_log.entity", "=", filter.entity);
  if (filter.actorId !== undefined) query = query.where("audit_log.actor_id", "=", filter.actorId);
  if (filter.personId !== undefined) {
    const personId = filter.personId;
    query = query.where((eb) => eb.or([eb("audit_log.actor_id", "=", personId), eb(subjectId, "=", personId)]));
  }
  if (filter.from) query = query.where("audit_log.at", ">=", filter.from);
  if (filter.to) query = query.where("audit_log.at", "<", `${filter.to}T99`);
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy("audit_log.id", "desc")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
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
