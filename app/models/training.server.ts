import { lockForUpdate } from "../../db/dialect";
import type { TrainingStatus, VerificationMethod } from "../../db/schema";
import type { ImportChange } from "~/domain/training-import";
import type { TrainingImportLayout } from "~/domain/training-import-file";
import type { AuditAction } from "~/domain/vocabulary";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { refreshStanding, refreshStandings } from "./rollups.server";
import { localRenewalMonths } from "./standing-facts.server";
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
      "t.verification_method as verificationMethod",
      "t.verification_note as verificationNote",
      "t.updated_at as updatedAt",
      localRenewalMonths,
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
  return selectRecords(db)
    .where("t.user_id", "in", [...userIds])
    .orderBy("t.id")
    .execute();
}

export type TrainingRecordRow = Awaited<ReturnType<typeof trainingRecordsOf>>[number];

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

/** Every change to a training record is audited in the transaction that makes it. */
function auditTraining(
  trx: Executor,
  owner: Owner,
  id: number,
  actor: Actor,
  action: AuditAction<"training">,
  before: object | undefined,
  after: object,
) {
  return writeAudit(trx, {
    actorId: actor.id,
    pcnId: owner.pcnId,
    entity: "training",
    entityId: id,
    action,
    before,
    after,
    ip: actor.ip,
  });
}

const columns = (input: TrainingInput) => ({
  requirement_id: input.requirementId,
  status: input.status,
  completed_on: input.completedOn,
  provider: input.provider,
  attachment_id: input.attachmentId,
});

/** Where a record came from when it was imported, and the import that wrote it (ADR 0016). */
export interface Provenance {
  importedFrom: TrainingImportLayout;
  importId: number;
}

/** A record checked by its source (ESR, where the content says so) rather than by a person looking at it. */
type SourceCheck = VerificationCheck | null;

const provenanceColumns = (provenance: Provenance | null) =>
  provenance ? { imported_from: provenance.importedFrom, import_id: provenance.importId } : {};

const verificationColumns = (check: SourceCheck, actor: Actor, at: string) => ({
  verified_by: check ? actor.id : null,
  verified_at: check ? at : null,
  verification_method: check?.method ?? null,
  verification_note: check?.note ?? null,
});

/** One of the owner's records, locked until the transaction ends; another person's record id finds nothing. */
function lockedRecord(trx: Executor, owner: Owner, id: number) {
  return trx
    .selectFrom("training_records")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", owner.id)
    .$call(lockForUpdate)
    .executeTakeFirst();
}

/** Inserts a record and its audit row in the caller's transaction; the caller refreshes the owner's standing. */
async function insertRecord(
  trx: Executor,
  owner: Owner,
  input: TrainingInput,
  contentVersion: string,
  actor: Actor & { id: number },
  source: { provenance: Provenance | null; check: SourceCheck } = { provenance: null, check: null },
): Promise<number> {
  const at = nowIso();
  const { id } = await trx
    .insertInto("training_records")
    .values({
      user_id: owner.id,
      ...columns(input),
      ...verificationColumns(source.check, actor, at),
      ...provenanceColumns(source.provenance),
      content_version: contentVersion,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const verification = source.check ? { verifiedBy: actor.id, verificationMethod: source.check.method } : {};
  await auditTraining(trx, owner, id, actor, "create", undefined, {
    userId: owner.id,
    contentVersion,
    ...input,
    ...source.provenance,
    ...verification,
  });
  return id;
}

export async function createTrainingRecord(
  db: Executor,
  owner: Owner,
  input: TrainingInput,
  contentVersion: string,
  actor: Actor & { id: number },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await insertRecord(trx, owner, input, contentVersion, actor);
    await refreshStanding(trx, owner.id);
    return id;
  });
}

/**
 * The same training for several people at once (a team session), all or none, each record audited on its own and
 * every owner's standing refreshed in the same transaction.
 */
export async function createTrainingRecords(
  db: Executor,
  owners: readonly Owner[],
  input: TrainingInput,
  contentVersion: string,
  actor: Actor & { id: number },
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (const owner of owners) ids.push(await insertRecord(trx, owner, input, contentVersion, actor));
    await refreshStandings(
      trx,
      owners.map((o) => o.id),
    );
    return ids;
  });
}

/** Rewrites a record and audits the change in the caller's transaction; false when the person has no such record. */
async function reviseRecord(
  trx: Executor,
  owner: Owner,
  id: number,
  input: TrainingInput,
  contentVersion: string,
  actor: Actor,
  source: { provenance: Provenance | null; check: SourceCheck } = { provenance: null, check: null },
): Promise<boolean> {
  const before = await lockedRecord(trx, owner, id);
  if (!before) return false;
  const at = nowIso();
  await trx
    .updateTable("training_records")
    .set({
      ...columns(input),
      ...verificationColumns(source.check, actor, at),
      ...provenanceColumns(source.provenance),
      content_version: contentVersion,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute();
  await auditTraining(
    trx,
    owner,
    id,
    actor,
    "update",
    {
      requirementId: before.requirement_id,
      status: before.status,
      completedOn: before.completed_on,
      provider: before.provider,
      attachmentId: before.attachment_id,
      verifiedBy: before.verified_by,
    },
    { contentVersion, ...input, ...source.provenance, verifiedBy: source.check ? actor.id : null },
  );
  return true;
}

/**
 * Saves a change to a record. A verification vouched for what the record said then, so any change removes it and
 * the record waits to be checked again.
 */
export async function updateTrainingRecord(
  db: Executor,
  owner: Owner,
  id: number,
  input: TrainingInput,
  contentVersion: string,
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await reviseRecord(trx, owner, id, input, contentVersion, actor))) return false;
    await refreshStanding(trx, owner.id);
    return true;
  });
}

/** What the verifier checked; the note says what, and is required, when the method is "other". */
export interface VerificationCheck {
  method: VerificationMethod;
  note: string | null;
}

export interface VerifyRequest {
  owner: Owner;
  id: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

async function verifyOne(
  trx: Executor,
  { owner, id }: VerifyRequest,
  check: VerificationCheck,
  actor: Actor & { id: number },
  at: string,
): Promise<VerifyResult> {
  const record = await lockedRecord(trx, owner, id);
  if (!record) return { ok: false, reason: "Training record not found" };
  // Checked here as well as by the permissions, so scripts and factories cannot vouch for their own training either.
  if (actor.id === owner.id) return { ok: false, reason: "You cannot verify your own training" };
  if (record.verified_at) return { ok: false, reason: "This record has already been verified" };
  if (check.method === "other" && !check.note) return { ok: false, reason: "Say what you checked" };
  await trx
    .updateTable("training_records")
    .set({ verified_by: actor.id, verified_at: at, verification_method: check.method, verification_note: check.note })
    .where("id", "=", id)
    .execute();
  await auditTraining(
    trx,
    owner,
    id,
    actor,
    "verify",
    { verifiedBy: null },
    { verifiedBy: actor.id, verifiedAt: at, verificationMethod: check.method, verificationNote: check.note },
  );
  return { ok: true };
}

class VerifyRefused extends Error {
  constructor(readonly result: VerifyResult & { ok: false }) {
    super(result.reason);
  }
}

/**
 * Records that a supervisor or lead checked these records (one, or many from the dashboard), each audited. All or
 * none: if any cannot be verified, nothing is saved and the reason is returned.
 */
export async function verifyTrainingRecords(
  db: Executor,
  requests: readonly VerifyRequest[],
  check: VerificationCheck,
  actor: Actor & { id: number },
): Promise<VerifyResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const at = nowIso();
      for (const request of requests) {
        const result = await verifyOne(trx, request, check, actor, at);
        if (!result.ok) throw new VerifyRefused(result);
      }
      await refreshStandings(
        trx,
        requests.map((r) => r.owner.id),
      );
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof VerifyRefused) return error.result;
    throw error;
  }
}

export function verifyTrainingRecord(
  db: Executor,
  owner: Owner,
  id: number,
  check: VerificationCheck,
  actor: Actor & { id: number },
): Promise<VerifyResult> {
  return verifyTrainingRecords(db, [{ owner, id }], check, actor);
}

/** How many records of each requirement wait for verification among a PCN's active staff, leaving out one person. */
export async function unverifiedCounts(
  db: Executor,
  pcnId: number,
  exceptUserId: number,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("training_records as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select((eb) => ["t.requirement_id as requirementId", eb.fn.countAll<number>().as("n")])
    .where("u.pcn_id", "=", pcnId)
    .where("u.active", "=", 1)
    .where("u.id", "!=", exceptUserId)
    .where("t.verified_at", "is", null)
    .groupBy("t.requirement_id")
    .execute();
  return new Map(rows.map((r) => [r.requirementId, Number(r.n)]));
}

/** For bulk verification: unverified records of one requirement held by active staff of a PCN, by name. */
export async function unverifiedRecords(db: Executor, pcnId: number, requirementId: string) {
  return db
    .selectFrom("training_records as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select([
      "t.id",
      "t.status",
      "t.completed_on as completedOn",
      "t.provider",
      "t.attachment_id as attachmentId",
      "u.id as personId",
      "u.name",
      "u.pcn_id as pcnId",
    ])
    .where("u.pcn_id", "=", pcnId)
    .where("u.active", "=", 1)
    .where("t.requirement_id", "=", requirementId)
    .where("t.verified_at", "is", null)
    .orderBy("u.name")
    .orderBy("t.id", "desc")
    .execute();
}

/** The owners of these records, for checking the caller may verify each one before anything is saved. */
export async function recordOwners(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("training_records as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.requirement_id as requirementId", "u.id as ownerId", "u.pcn_id as pcnId"])
    .where("t.id", "in", [...ids])
    .execute();
}

/**
 * Applies an import's changes in the import's own transaction, each record audited on its own and marked with where
 * it came from; training the source vouches for is verified from ESR. The owners' standings are refreshed before
 * the transaction ends.
 */
export async function applyImportChanges(
  trx: Executor,
  changes: readonly ImportChange[],
  provenance: Provenance,
  contentVersion: string,
  actor: Actor & { id: number },
): Promise<void> {
  const at = nowIso();
  const note = `Imported from ESR (import ${provenance.importId})`;
  for (const change of changes) {
    const owner = { id: change.personId, pcnId: change.pcnId };
    const check = change.verify ? { method: "esr" as const, note } : null;
    const input: TrainingInput = {
      requirementId: change.requirementId,
      status: "completed",
      completedOn: change.completedOn,
      provider: null,
      attachmentId: null,
    };
    if (change.kind === "create") await insertRecord(trx, owner, input, contentVersion, actor, { provenance, check });
    else if (change.kind === "revise")
      await reviseRecord(trx, owner, change.recordId, input, contentVersion, actor, { provenance, check });
    else {
      const result = await verifyOne(trx, { owner, id: change.recordId }, { method: "esr", note }, actor, at);
      if (!result.ok) throw new VerifyRefused(result);
    }
  }
  await refreshStandings(trx, [...new Set(changes.map((c) => c.personId))]);
}

/** A person's records as an import compares them with its rows. */
export async function recordsForImport(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("training_records")
    .select([
      "id",
      "user_id as userId",
      "requirement_id as requirementId",
      "status",
      "completed_on as completedOn",
      "verified_at as verifiedAt",
      "imported_from as importedFrom",
    ])
    .where("user_id", "in", [...userIds])
    .orderBy("id")
    .execute();
  return rows.map(({ verifiedAt, ...r }) => ({ ...r, verified: verifiedAt !== null }));
}
