import { sql, type ExpressionBuilder } from "kysely";
import { lockForUpdate } from "../../db/dialect";
import type { Database, EvidenceItemTable, EvidenceStatus } from "../../db/schema";
import { transition, type Actor as WorkflowActor, type EvidenceAction } from "~/domain/evidence-workflow";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export interface EvidenceInput {
  title: string;
  activityDate: string;
  type: string;
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
  competencyIds: string[];
  attachmentIds: number[];
  /** What the patient data guard flagged and the author confirmed is not patient data (null: nothing flagged). */
  patientDataFindings: string[] | null;
}

export type EvidenceResult = { ok: true; id: number } | { ok: false; reason: string };

interface Owner {
  id: number;
  pcnId: number | null;
}

/** The columns of a version that the author writes; a confirmed patient-data warning is stamped with the save time. */
function versionText(input: EvidenceInput, at: string) {
  const flagged = Boolean(input.patientDataFindings?.length);
  return {
    title: input.title,
    activity_date: input.activityDate,
    type: input.type,
    what_happened: input.whatHappened,
    what_learned: input.whatLearned,
    what_next: input.whatNext,
    patient_data_confirmed_at: flagged ? at : null,
    patient_data_findings: flagged ? JSON.stringify(input.patientDataFindings) : null,
  };
}

async function insertVersion(
  trx: Executor,
  evidenceId: number,
  version: number,
  input: EvidenceInput,
  authorId: number,
  at: string,
) {
  const { id } = await trx
    .insertInto("evidence_versions")
    .values({ evidence_id: evidenceId, version, ...versionText(input, at), created_by: authorId, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await linkVersion(trx, id, input);
  return id;
}

async function linkVersion(trx: Executor, versionId: number, input: EvidenceInput) {
  await trx.deleteFrom("evidence_version_competencies").where("version_id", "=", versionId).execute();
  await trx.deleteFrom("evidence_version_attachments").where("version_id", "=", versionId).execute();
  if (input.competencyIds.length) {
    await trx
      .insertInto("evidence_version_competencies")
      .values(input.competencyIds.map((c) => ({ version_id: versionId, competency_id: c })))
      .execute();
  }
  if (input.attachmentIds.length) {
    await trx
      .insertInto("evidence_version_attachments")
      .values(input.attachmentIds.map((a) => ({ version_id: versionId, attachment_id: a })))
      .execute();
  }
}

export async function createEvidence(
  db: Executor,
  owner: Owner,
  input: EvidenceInput,
  frameworkVersion: string,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const { id } = await trx
      .insertInto("evidence_items")
      .values({
        owner_id: owner.id,
        status: "draft",
        current_version: 1,
        framework_version: frameworkVersion,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertVersion(trx, id, 1, input, owner.id, at);
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "evidence",
      entityId: id,
      action: "create",
      after: { version: 1, ...input },
      ip: actor.ip,
    });
    return id;
  });
}

async function itemState(trx: Executor, id: number) {
  return trx
    .selectFrom("evidence_items")
    .innerJoin("evidence_versions as v", (j) =>
      j.onRef("v.evidence_id", "=", "evidence_items.id").onRef("v.version", "=", "evidence_items.current_version"),
    )
    .select([
      "evidence_items.id",
      "evidence_items.owner_id",
      "evidence_items.status",
      "evidence_items.current_version",
      "v.id as versionId",
    ])
    .where("evidence_items.id", "=", id)
    .$call(lockForUpdate)
    .executeTakeFirst();
}

/**
 * Saves the owner's changes. A version that has been seen by a reviewer (submitted at least once) is frozen: the
 * change becomes a new version, so every comment keeps pointing at the text it was about. Accepted evidence always
 * gets a new draft version and the accepted one stays as it was.
 */
export async function saveEvidence(
  db: Executor,
  id: number,
  owner: Owner,
  input: EvidenceInput,
  actor: Actor,
): Promise<EvidenceResult> {
  return db.transaction().execute(async (trx) => {
    const item = await itemState(trx, id);
    if (!item || item.owner_id !== owner.id) return { ok: false, reason: "Evidence not found" };
    const action: EvidenceAction = item.status === "draft" ? "edit" : "amend";
    const move = transition(item.status, action, "owner");
    if (!move.ok) return { ok: false, reason: move.reason };
    const reviewed = await trx
      .selectFrom("evidence_reviews")
      .select("id")
      .where("evidence_id", "=", id)
      .where("version", "=", item.current_version)
      .executeTakeFirst();
    const at = nowIso();
    let version = item.current_version;
    if (move.newVersion || reviewed) {
      version += 1;
      await insertVersion(trx, id, version, input, owner.id, at);
    } else {
      await trx.updateTable("evidence_versions").set(versionText(input, at)).where("id", "=", item.versionId).execute();
      await linkVersion(trx, item.versionId, input);
    }
    await trx
      .updateTable("evidence_items")
      .set({ status: move.next, current_version: version, updated_at: at })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "evidence",
      entityId: id,
      action: action,
      before: { status: item.status, version: item.current_version },
      after: { status: move.next, version, ...input },
      ip: actor.ip,
    });
    return { ok: true, id };
  });
}

/** Submit, withdraw, return or accept: checked against the workflow, recorded in the review history. */
export async function moveEvidence(
  db: Executor,
  id: number,
  input: {
    action: "submit" | "withdraw" | "return" | "accept";
    as: WorkflowActor;
    comment?: string;
    pcnId: number | null;
  },
  actor: Actor & { id: number },
): Promise<EvidenceResult> {
  return db.transaction().execute(async (trx) => {
    const item = await itemState(trx, id);
    if (!item) return { ok: false, reason: "Evidence not found" };
    const move = transition(item.status, input.action, input.as, { comment: input.comment });
    if (!move.ok) return { ok: false, reason: move.reason };
    const at = nowIso();
    await trx.updateTable("evidence_items").set({ status: move.next, updated_at: at }).where("id", "=", id).execute();
    await trx
      .insertInto("evidence_reviews")
      .values({
        evidence_id: id,
        version: item.current_version,
        action: input.action,
        comment: input.comment?.trim() || null,
        actor_id: actor.id,
        at,
      })
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "evidence",
      entityId: id,
      action: input.action,
      before: { status: item.status },
      after: { status: move.next, version: item.current_version, comment: input.comment ?? null },
      ip: actor.ip,
    });
    return { ok: true, id };
  });
}

/** One item with every version (newest first), its competencies, attachments and the review history. */
export async function getEvidence(db: Executor, id: number) {
  const item = await db.selectFrom("evidence_items").selectAll().where("id", "=", id).executeTakeFirst();
  if (!item) return null;
  const versions = await db
    .selectFrom("evidence_versions")
    .selectAll()
    .where("evidence_id", "=", id)
    .orderBy("version", "desc")
    .execute();
  const versionIds = versions.map((v) => v.id);
  const competencies = await db
    .selectFrom("evidence_version_competencies")
    .selectAll()
    .where("version_id", "in", versionIds)
    // In key order, as SQLite happens to give them: PostgreSQL promises no order without one.
    .orderBy("version_id")
    .orderBy("competency_id")
    .execute();
  const attachments = await db
    .selectFrom("evidence_version_attachments as eva")
    .innerJoin("attachments as a", "a.id", "eva.attachment_id")
    .select(["eva.version_id", "a.id", "a.file_name as fileName", "a.mime", "a.size", "a.sha256"])
    .where("eva.version_id", "in", versionIds)
    .execute();
  const reviews = await db
    .selectFrom("evidence_reviews as r")
    .innerJoin("users as u", "u.id", "r.actor_id")
    .select(["r.id", "r.version", "r.action", "r.comment", "r.at", "u.name as actorName"])
    .where("r.evidence_id", "=", id)
    .orderBy("r.id")
    .execute();
  return {
    id: item.id,
    ownerId: item.owner_id,
    status: item.status,
    currentVersion: item.current_version,
    frameworkVersion: item.framework_version,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      activityDate: v.activity_date,
      type: v.type,
      whatHappened: v.what_happened,
      whatLearned: v.what_learned,
      whatNext: v.what_next,
      patientDataConfirmedAt: v.patient_data_confirmed_at,
      patientDataFindings: v.patient_data_findings ? (JSON.parse(v.patient_data_findings) as string[]) : [],
      createdAt: v.created_at,
      competencyIds: competencies.filter((c) => c.version_id === v.id).map((c) => c.competency_id),
      attachments: attachments.filter((a) => a.version_id === v.id).map(({ version_id: _, ...a }) => a),
    })),
    reviews,
  };
}
export type Evidence = NonNullable<Awaited<ReturnType<typeof getEvidence>>>;

export interface EvidenceFilter {
  competencyId?: string;
  type?: string;
  status?: EvidenceStatus;
  from?: string;
  to?: string;
  search?: string;
  page: number;
  pageSize: number;
}

/**
 * Which version of each item a viewer is shown. The owner sees their working copy; everyone else sees only what
 * has been submitted, so a draft the owner never submitted does not exist for them. Either way, once a version
 * has been accepted it stays the record until a newer one is accepted: later changes are "in progress".
 */
export type EvidenceView = "owner" | "shared";

const REVIEW_STATUS = sql<EvidenceStatus>`case r.action when 'submit' then 'submitted' when 'return' then 'returned' when 'accept' then 'accepted' else 'draft' end`;

/** One row per item this view shows: the version shown, its status as this view sees it, and its text. */
function listedEvidence(db: Executor, ownerId: number, view: EvidenceView) {
  const latestVersion = (action: "accept" | "submit") =>
    sql<
      number | null
    >`(select max(r.version) from evidence_reviews r where r.evidence_id = e.id and r.action = ${action})`;
  const items = db
    .selectFrom("evidence_items as e")
    .select(["e.id", "e.status", "e.current_version as currentVersion", "e.updated_at as updatedAt"])
    .select([latestVersion("accept").as("acceptedVersion"), latestVersion("submit").as("sharedVersion")])
    .where("e.owner_id", "=", ownerId)
    .as("x");
  const shown =
    view === "owner"
      ? sql<number>`coalesce(x."acceptedVersion", x."currentVersion")`
      : sql<number>`coalesce(x."acceptedVersion", x."sharedVersion")`;
  // Others see the status the shown version was left in by its last review (submitted, returned, withdrawn).
  const sharedStatus = sql<EvidenceStatus>`(select ${REVIEW_STATUS} from evidence_reviews r where r.evidence_id = x.id and r.version = v.version order by r.id desc limit 1)`;
  return db
    .selectFrom(items)
    .innerJoin("evidence_versions as v", (j) => j.onRef("v.evidence_id", "=", "x.id").on("v.version", "=", shown))
    .select([
      "x.id",
      "x.updatedAt",
      "v.id as versionId",
      "v.version",
      "v.title",
      "v.activity_date as activityDate",
      "v.type",
      "v.what_happened as whatHappened",
      "v.what_learned as whatLearned",
    ])
    .select([
      sql<EvidenceStatus>`case when v.version = x."acceptedVersion" then 'accepted' else ${view === "owner" ? sql`x.status` : sharedStatus} end`.as(
        "status",
      ),
      sql<number>`x."currentVersion" > v.version`.as("changesInProgress"),
    ])
    .as("l");
}

/** The evidence as this view sees it (see listedEvidence), newest activity first. */
export async function listEvidence(db: Executor, ownerId: number, filter: EvidenceFilter, view: EvidenceView) {
  const kept = () => {
    let q = db.selectFrom(listedEvidence(db, ownerId, view));
    if (filter.status) q = q.where("l.status", "=", filter.status);
    if (filter.type) q = q.where("l.type", "=", filter.type);
    if (filter.from) q = q.where("l.activityDate", ">=", filter.from);
    if (filter.to) q = q.where("l.activityDate", "<=", filter.to);
    if (filter.competencyId) {
      const competencyId = filter.competencyId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("evidence_version_competencies as c")
            .select("c.version_id")
            .whereRef("c.version_id", "=", "l.versionId")
            .where("c.competency_id", "=", competencyId),
        ),
      );
    }
    if (filter.search) {
      const like = `%${filter.search.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn("lower", ["l.title"]), "like", like),
          eb(eb.fn("lower", ["l.whatHappened"]), "like", like),
          eb(eb.fn("lower", ["l.whatLearned"]), "like", like),
        ]),
      );
    }
    return q;
  };
  const counted = () => kept().select((eb) => eb.fn.countAll<number>().as("n"));
  const narrowed = Boolean(
    filter.status || filter.type || filter.from || filter.to || filter.competencyId || filter.search,
  );
  // The total comes with the page; only a page past the end, which has no rows to carry it, counts separately. A
  // window count costs for each row it keeps, a count of its own for each of the owner's items: unfiltered, the
  // window is dearer (at national size, half the statement), but a filter that keeps a few items makes it cheaper.
  const page = await kept()
    .select([
      "l.id",
      "l.status",
      "l.version",
      "l.title",
      "l.activityDate",
      "l.type",
      "l.updatedAt",
      "l.versionId",
      "l.changesInProgress",
    ])
    .select((eb) => (narrowed ? eb.fn.countAll<number>().over().as("total") : counted().as("total")))
    .orderBy("l.activityDate", "desc")
    .orderBy("l.id", "desc")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const total = page[0]?.total ?? (filter.page > 1 ? (await counted().executeTakeFirstOrThrow()).n : 0);
  const rows = page.map(({ total: _, ...row }) => row);
  const links = rows.length
    ? await db
        .selectFrom("evidence_version_competencies")
        .selectAll()
        .where(
          "version_id",
          "in",
          rows.map((r) => r.versionId),
        )
        .orderBy("version_id")
        .orderBy("competency_id")
        .execute()
    : [];
  return {
    items: rows.map(({ versionId, changesInProgress, ...r }) => ({
      ...r,
      changesInProgress: changesInProgress === 1,
      competencyIds: links.filter((l) => l.version_id === versionId).map((l) => l.competency_id),
    })),
    total: Number(total),
  };
}

/** When the evidence aliased "e" was last submitted for review, as "submittedAt". */
export function lastSubmittedAt(eb: ExpressionBuilder<Database & { e: EvidenceItemTable }, "e">) {
  return eb
    .selectFrom("evidence_reviews as r")
    .select((r) => r.fn.max("r.at").as("at"))
    .whereRef("r.evidence_id", "=", "e.id")
    .where("r.action", "=", "submit")
    .as("submittedAt");
}

/** Submitted evidence of the people a supervisor supervises (some, or the query finds nothing). */
const awaitingReview = (db: Executor, superviseeIds: readonly number[]) =>
  db
    .selectFrom("evidence_items as e")
    .where("e.status", "=", "submitted")
    .where("e.owner_id", "in", [...superviseeIds]);

/** How many items wait in a supervisor's review queue: the home page's figure, without reading the queue. */
export async function reviewQueueSize(db: Executor, superviseeIds: readonly number[]): Promise<number> {
  if (superviseeIds.length === 0) return 0;
  const waiting = awaitingReview(db, superviseeIds);
  return Number((await waiting.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

/** Submitted evidence of the people a supervisor supervises, longest waiting first, a page at a time. */
export async function reviewQueue(
  db: Executor,
  superviseeIds: readonly number[],
  page: { page: number; pageSize: number },
) {
  if (superviseeIds.length === 0) return { items: [], total: 0 };
  const waiting = awaitingReview(db, superviseeIds);
  const n = await reviewQueueSize(db, superviseeIds);
  const items = await waiting
    .innerJoin("evidence_versions as v", (j) =>
      j.onRef("v.evidence_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .innerJoin("users as u", "u.id", "e.owner_id")
    .select(["e.id", "v.title", "v.type", "u.id as ownerId", "u.name as ownerName", "e.current_version as version"])
    .select(lastSubmittedAt)
    .orderBy("submittedAt", "asc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: n };
}

/** Accepted versions count even after the owner starts amending them: what was accepted stays accepted. */
function acceptedByCompetency(db: Executor, ownerId: number) {
  return db
    .selectFrom("evidence_reviews as r")
    .innerJoin("evidence_items as e", "e.id", "r.evidence_id")
    .innerJoin("evidence_versions as v", (j) =>
      j.onRef("v.evidence_id", "=", "r.evidence_id").onRef("v.version", "=", "r.version"),
    )
    .innerJoin("evidence_version_competencies as c", "c.version_id", "v.id")
    .select(["c.competency_id as competencyId", sql<number>`count(distinct e.id)`.as("acceptedCount")])
    .where("r.action", "=", "accept")
    .where("e.owner_id", "=", ownerId);
}

/** How many of the owner's items were ever accepted while linked to this competency (see acceptedByCompetency). */
export async function acceptedEvidenceCount(db: Executor, ownerId: number, competencyId: string): Promise<number> {
  const row = await acceptedByCompetency(db, ownerId)
    .where("c.competency_id", "=", competencyId)
    .groupBy("c.competency_id")
    .executeTakeFirst();
  return Number(row?.acceptedCount ?? 0);
}

/** Per competency: evidence this view shows linked to it, evidence ever accepted while linked, last activity date. */
export async function competencyEvidence(db: Executor, ownerId: number, view: EvidenceView) {
  const current = await db
    .selectFrom(listedEvidence(db, ownerId, view))
    .innerJoin("evidence_version_competencies as c", "c.version_id", "l.versionId")
    .select(["c.competency_id as competencyId"])
    .select((eb) => [eb.fn.countAll<number>().as("evidenceCount"), eb.fn.max("l.activityDate").as("lastActivity")])
    .groupBy("c.competency_id")
    .execute();
  const accepted = await acceptedByCompetency(db, ownerId).groupBy("c.competency_id").execute();
  const map = new Map<string, { evidenceCount: number; acceptedCount: number; lastActivity: string | null }>();
  for (const row of current)
    map.set(row.competencyId, {
      evidenceCount: Number(row.evidenceCount),
      acceptedCount: 0,
      lastActivity: row.lastActivity,
    });
  for (const row of accepted) {
    const entry = map.get(row.competencyId) ?? { evidenceCount: 0, acceptedCount: 0, lastActivity: null };
    entry.acceptedCount = Number(row.acceptedCount);
    map.set(row.competencyId, entry);
  }
  return map;
}

/** The owner's evidence that a supervisor has sent back, with the comment that came with it. */
export async function returnedEvidence(db: Executor, ownerId: number) {
  return db
    .selectFrom("evidence_items as e")
    .innerJoin("evidence_versions as v", (j) =>
      j.onRef("v.evidence_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.id", "v.title"])
    .select((eb) =>
      eb
        .selectFrom("evidence_reviews as r")
        .select("r.comment")
        .whereRef("r.evidence_id", "=", "e.id")
        .where("r.action", "=", "return")
        .orderBy("r.id", "desc")
        .limit(1)
        .as("comment"),
    )
    .where("e.owner_id", "=", ownerId)
    .where("e.status", "=", "returned")
    .orderBy("e.updated_at")
    .execute();
}
