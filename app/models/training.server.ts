import type { TrainingStatus } from "../../db/schema";
import { nowIso } from "~/utils/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export interface TrainingInput {
  requirementId: string;
  status: TrainingStatus;
  completedOn: string | null;
  provider: string | null;
  /** The certificate: an attachment the record's owner uploaded. */
  attachmentId: number | null;
}

interface Owner {
  id: number;
  pcnId: number | null;
}

function selectRecords(db: Executor) {
  return db
    .selectFrom("training_records as t")
    .leftJoin("attachments as a", "a.id", "t.attachment_id")
    .leftJoin("users as v", "v.id", "t.verified_by")
    .select([
      "t.id",
      "t.user_id as userId",
      "t.requirement_id as requirementId",
      "t.content_version as contentVersion",
      "t.status",
      "t.completed_on as completedOn",
      "t.provider",
      "t.attachment_id as attachmentId",
      "a.file_name as attachmentName",
      "t.verified_at as verifiedAt",
      "v.name as verifiedByName",
      "t.updated_at as updatedAt",
    ]);
}

export type TrainingRecordView = NonNullable<Awaited<ReturnType<typeof getTrainingRecord>>>;

/** One of this person's records; another person's record id finds nothing. */
export async function getTrainingRecord(db: Executor, userId: number, id: number) {
  return selectRecords(db).where("t.user_id", "=", userId).where("t.id", "=", id).executeTakeFirst();
}

/** Every record of these people, for working out readiness and compliance. */
export async function trainingRecordsOf(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return selectRecords(db).where("t.user_id", "in", [...userIds]).orderBy("t.id").execute();
}

export async function listTrainingRecords(db: Executor, userId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("training_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  const records = await selectRecords(db)
    .where("t.user_id", "=", userId)
    .orderBy("t.updated_at", "desc")
    .orderBy("t.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { records, total: Number(n) };
}

const columns = (input: TrainingInput) => ({
  requirement_id: input.requirementId,
  status: input.status,
  completed_on: input.completedOn,
  provider: input.provider,
  attachment_id: input.attachmentId,
});

export async function createTrainingRecord(db: Executor, owner: Owner, input: TrainingInput, contentVersion: string, actor: Actor & { id: number }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const { id } = await trx
      .insertInto("training_records")
      .values({ user_id: owner.id, ...columns(input), content_version: contentVersion, created_by: actor.id, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: actor.id, pcnId: owner.pcnId, entity: "training", entityId: id, action: "create", after: { userId: owner.id, contentVersion, ...input }, ip: actor.ip });
    return id;
  });
}

/**
 * Saves a change to a record. A verification vouched for what the record said then, so any change removes it and
 * the record waits to be checked again.
 */
export async function updateTrainingRecord(db: Executor, owner: Owner, id: number, input: TrainingInput, contentVersion: string, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("training_records").selectAll().where("id", "=", id).where("user_id", "=", owner.id).executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("training_records")
      .set({ ...columns(input), content_version: contentVersion, verified_by: null, verified_at: null, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "training",
      entityId: id,
      action: "update",
      before: { requirementId: before.requirement_id, status: before.status, completedOn: before.completed_on, provider: before.provider, attachmentId: before.attachment_id, verifiedBy: before.verified_by },
      after: { contentVersion, ...input, verifiedBy: null },
      ip: actor.ip,
    });
    return true;
  });
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Marks a completed record as checked against its certificate. */
export async function verifyTrainingRecord(db: Executor, owner: Owner, id: number, actor: Actor & { id: number }): Promise<VerifyResult> {
  return db.transaction().execute(async (trx) => {
    const record = await trx.selectFrom("training_records").selectAll().where("id", "=", id).where("user_id", "=", owner.id).executeTakeFirst();
    if (!record) return { ok: false, reason: "Training record not found" };
    if (record.verified_at) return { ok: false, reason: "This record has already been verified" };
    if (record.status !== "completed" || !record.completed_on) return { ok: false, reason: "Only completed training can be verified" };
    if (record.attachment_id === null) return { ok: false, reason: "There is no certificate to verify this record against" };
    const at = nowIso();
    await trx.updateTable("training_records").set({ verified_by: actor.id, verified_at: at }).where("id", "=", id).execute();
    await writeAudit(trx, { actorId: actor.id, pcnId: owner.pcnId, entity: "training", entityId: id, action: "verify", before: { verifiedBy: null }, after: { verifiedBy: actor.id, verifiedAt: at }, ip: actor.ip });
    return { ok: true };
  });
}
