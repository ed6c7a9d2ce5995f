/**
 * Appraisals (ADR 0019). An appraisal keeps its status and confirmations; each wording is a new row of
 * appraisal_versions. Every step is checked against the appraisal workflow inside its transaction, with its audit
 * row, and the objectives of a confirmed appraisal become development plan goals in the same transaction.
 */
import { lockForUpdate } from "../../db/dialect";
import { appraisalWorkflow, type AppraisalAction, type AppraisalRole } from "~/domain/appraisal-workflow";
import { formatDate } from "~/domain/format";
import { appraisersOf } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { createAppraisalGoal } from "./goals.server";
import type { Actor } from "./user.server";

export interface Objective {
  title: string;
  targetDate: string;
}

export interface AppraisalInput {
  heldOn: string;
  periodStart: string;
  periodEnd: string;
  summary: string;
  objectives: Objective[];
}

interface Owner {
  id: number;
  pcnId: number | null;
}

type Outcome = { ok: true; appraisalId: number } | { ok: false; reason: string };

const objectivesOf = (json: string): Objective[] => JSON.parse(json) as Objective[];

/**
 * The people who appraise this person now: their line manager where one is recorded, otherwise their designated
 * supervisors (current arrangements with active colleagues), with names.
 */
export async function currentAppraisers(db: Executor, personId: number) {
  const rows = await db
    .selectFrom("supervision_arrangements as a")
    .innerJoin("users as u", "u.id", "a.person_id")
    .select(["u.id", "u.name", "a.kind"])
    .where("a.staff_id", "=", personId)
    .where("a.kind", "in", ["line-manager", "supervisor"])
    .where("a.ended_on", "is", null)
    .where("a.started_on", "<=", todayInLondon(new Date()))
    .where("u.active", "=", 1)
    .orderBy("u.name")
    .execute();
  const idsOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const ids = appraisersOf({ lineManagerIds: idsOf("line-manager"), supervisorIds: idsOf("supervisor") });
  return rows.filter((r) => ids.includes(r.id)).map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}

async function insertVersion(
  trx: Executor,
  appraisalId: number,
  version: number,
  input: AppraisalInput,
  actorId: number,
  at: string,
) {
  await trx
    .insertInto("appraisal_versions")
    .values({
      appraisal_id: appraisalId,
      version,
      held_on: input.heldOn,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      summary: input.summary,
      objectives_json: JSON.stringify(input.objectives),
      created_by: actorId,
      created_at: at,
    })
    .execute();
}

/** Records a new appraisal, as a draft, with the appraiser as its author. */
export async function createAppraisal(
  db: Executor,
  owner: Owner,
  input: AppraisalInput,
  actor: Actor & { id: number },
) {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const { id } = await trx
      .insertInto("appraisals")
      .values({
        person_id: owner.id,
        appraiser_id: actor.id,
        status: "draft",
        current_version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertVersion(trx, id, 1, input, actor.id, at);
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "appraisal",
      entityId: id,
      action: "create",
      after: { userId: owner.id, appraiserId: actor.id, ...input },
      ip: actor.ip,
    });
    return id;
  });
}

/** Appraisals joined to the wording they have now. */
const withCurrentVersion = (db: Executor) =>
  db
    .selectFrom("appraisals as a")
    .innerJoin("appraisal_versions as v", (join) =>
      join.onRef("v.appraisal_id", "=", "a.id").onRef("v.version", "=", "a.current_version"),
    );

async function lockedAppraisal(trx: Executor, owner: Owner, appraisalId: number) {
  return withCurrentVersion(trx)
    .select([
      "a.id",
      "a.status",
      "a.current_version",
      "a.appraiser_id",
      "a.appraiser_confirmed_at",
      "v.held_on",
      "v.period_start",
      "v.period_end",
      "v.summary",
      "v.objectives_json",
    ])
    .where("a.id", "=", appraisalId)
    .where("a.person_id", "=", owner.id)
    .$call(lockForUpdate)
    .executeTakeFirst();
}
type Locked = NonNullable<Awaited<ReturnType<typeof lockedAppraisal>>>;

const inputOf = (row: Locked): AppraisalInput => ({
  heldOn: row.held_on,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  summary: row.summary,
  objectives: objectivesOf(row.objectives_json),
});

/** Changes a draft: the new wording is a new version; the old one stays. */
export async function editAppraisal(
  db: Executor,
  owner: Owner,
  appraisalId: number,
  change: { role: AppraisalRole; input: AppraisalInput },
  actor: Actor & { id: number },
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedAppraisal(trx, owner, appraisalId);
    if (!row) return { ok: false, reason: "Appraisal not found" };
    const moved = appraisalWorkflow.transition(row.status, "edit", change.role);
    if (!moved.ok) return moved;
    const at = nowIso();
    const version = row.current_version + 1;
    await insertVersion(trx, appraisalId, version, change.input, actor.id, at);
    await trx
      .updateTable("appraisals")
      .set({ current_version: version, updated_at: at })
      .where("id", "=", appraisalId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "appraisal",
      entityId: appraisalId,
      action: "edit",
      before: { version: row.current_version, ...inputOf(row) },
      after: { version, ...change.input },
      ip: actor.ip,
    });
    return { ok: true, appraisalId };
  });
}

/**
 * Confirms an appraisal, as its appraiser (which locks it) or as the person appraised (which completes it). When
 * both have confirmed, each objective becomes a goal in the person's plan, agreed by the appraiser.
 */
export async function confirmAppraisal(
  db: Executor,
  owner: Owner,
  appraisalId: number,
  step: { action: Exclude<AppraisalAction, "edit">; role: AppraisalRole },
  actor: Actor & { id: number },
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedAppraisal(trx, owner, appraisalId);
    if (!row) return { ok: false, reason: "Appraisal not found" };
    const moved = appraisalWorkflow.transition(row.status, step.action, step.role);
    if (!moved.ok) return moved;
    const at = nowIso();
    const when = step.action === "appraiser-confirm" ? { appraiser_confirmed_at: at } : { person_confirmed_at: at };
    await trx
      .updateTable("appraisals")
      .set({ status: moved.next, updated_at: at, ...when })
      .where("id", "=", appraisalId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "appraisal",
      entityId: appraisalId,
      action: step.action,
      before: { status: row.status },
      after: { status: moved.next, version: row.current_version },
      ip: actor.ip,
    });
    if (moved.next === "confirmed") {
      const agreed = { id: appraisalId, agreedBy: row.appraiser_id, agreedAt: row.appraiser_confirmed_at ?? at };
      for (const objective of objectivesOf(row.objectives_json)) {
        const goal = {
          title: objective.title,
          reason: `Objective agreed at the appraisal on ${formatDate(row.held_on)}`,
          competencyIds: [],
          methods: [],
          trainingRequirementId: null,
          howDetails: null,
          targetDate: objective.targetDate,
        };
        await createAppraisalGoal(trx, owner, goal, agreed, actor);
      }
    }
    return { ok: true, appraisalId };
  });
}

/** Appraisals with their current wording and who appraised: the start of the reading queries. */
function appraisalsOf(db: Executor, personId: number) {
  return withCurrentVersion(db)
    .innerJoin("users as r", "r.id", "a.appraiser_id")
    .select([
      "a.id",
      "a.status",
      "a.appraiser_id as appraiserId",
      "r.name as appraiserName",
      "a.current_version as version",
      "a.appraiser_confirmed_at as appraiserConfirmedAt",
      "a.person_confirmed_at as personConfirmedAt",
      "a.updated_at as updatedAt",
      "v.held_on as heldOn",
      "v.period_start as periodStart",
      "v.period_end as periodEnd",
    ])
    .where("a.person_id", "=", personId);
}

/** A page of a person's appraisals, latest first. */
export async function listAppraisals(db: Executor, personId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("appraisals")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("person_id", "=", personId)
    .executeTakeFirstOrThrow();
  const appraisals = await appraisalsOf(db, personId)
    .orderBy("v.held_on", "desc")
    .orderBy("a.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { appraisals, total: Number(n) };
}

/** One of the person's appraisals with its wording and the goals its objectives became; undefined if not theirs. */
export async function getAppraisal(db: Executor, personId: number, appraisalId: number) {
  const row = await appraisalsOf(db, personId)
    .select(["v.summary", "v.objectives_json as objectivesJson"])
    .where("a.id", "=", appraisalId)
    .executeTakeFirst();
  if (!row) return undefined;
  const goals = await db
    .selectFrom("development_goals")
    .select(["id", "title", "status"])
    .where("appraisal_id", "=", appraisalId)
    .orderBy("id")
    .execute();
  const { objectivesJson, ...appraisal } = row;
  return { ...appraisal, objectives: objectivesOf(objectivesJson), goals };
}
export type Appraisal = NonNullable<Awaited<ReturnType<typeof getAppraisal>>>;

/** The person's latest appraisal (by the date it was held), for the PDF portfolio; undefined if none. */
export async function latestAppraisal(db: Executor, personId: number) {
  const latest = await withCurrentVersion(db)
    .select("a.id")
    .where("a.person_id", "=", personId)
    .orderBy("v.held_on", "desc")
    .orderBy("a.id", "desc")
    .executeTakeFirst();
  return latest ? getAppraisal(db, personId, latest.id) : undefined;
}
