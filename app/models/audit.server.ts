import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "~/utils/time.server";

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  actorId: number | null;
  pcnId: number | null;
  entity: string;
  entityId: number | string;
  action: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

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
  entity?: string;
  actorId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as actor", "actor.id", "audit_log.actor_id")
    // For changes to a person, the person's name, so the trail reads "Priya Shah changed Siân Williams".
    .leftJoin("users as subject", (join) =>
      join.on("audit_log.entity", "=", "user").on(sql`cast(audit_log.entity_id as integer)`, "=", sql.ref("subject.id")),
    )
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.entity",
      "audit_log.entity_id as entityId",
      "audit_log.action",
      "audit_log.before_json as before",
      "audit_log.after_json as after",
      "audit_log.ip",
      "actor.name as actorName",
      "subject.name as subjectName",
    ]);
  if (filter.pcnId !== undefined) query = query.where("audit_log.pcn_id", "=", filter.pcnId);
  if (filter.entity) query = query.where("audit_log.entity", "=", filter.entity);
  if (filter.actorId !== undefined) query = query.where("audit_log.actor_id", "=", filter.actorId);
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
