/**
 * Personal development plan goals (ADR 0018). A goal keeps its status; each agreement, change of status and note of
 * progress is appended to development_goal_updates, with its audit row in the same transaction.
 */
import type { SelectQueryBuilder } from "kysely";
import { lockForUpdate } from "../../db/dialect";
import type { Database } from "../../db/schema";
import {
  dueSoonHorizon,
  goalTransition,
  OPEN_GOAL_STATUSES,
  type GoalAction,
  type GoalStatus,
} from "~/domain/goal-workflow";
import { alreadyPlanned, type PlanCoverage } from "~/domain/pathways";
import type { DevelopmentRole } from "~/domain/permissions";
import { GOAL_METHODS, type GoalMethod } from "~/domain/vocabulary";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export interface GoalInput {
  title: string;
  reason: string;
  competencyIds: string[];
  methods: GoalMethod[];
  trainingRequirementId: string | null;
  howDetails: string | null;
  targetDate: string;
}

interface Owner {
  id: number;
  pcnId: number | null;
}

type Outcome = { ok: true; goalId: number } | { ok: false; reason: string };

// Methods are stored comma-separated; a key this version no longer knows is dropped when read.
const storedMethods = (methods: readonly GoalMethod[]) => methods.join(",");
const methodsOf = (stored: string) => stored.split(",").filter((m): m is GoalMethod => Object.hasOwn(GOAL_METHODS, m));

/** Where a goal came from: a goal carried forward, or an objective agreed (so already agreed) at an appraisal. */
interface GoalOrigin {
  carriedFromId?: number;
  appraisal?: { id: number; agreedBy: number; agreedAt: string };
}

async function insertGoal(
  trx: Executor,
  owner: Owner,
  input: GoalInput,
  actor: Actor & { id: number },
  origin: GoalOrigin = {},
) {
  const at = nowIso();
  const carriedFromId = origin.carriedFromId ?? null;
  const appraisal = origin.appraisal;
  const { id } = await trx
    .insertInto("development_goals")
    .values({
      person_id: owner.id,
      title: input.title,
      reason: input.reason,
      methods: storedMethods(input.methods),
      training_requirement_id: input.trainingRequirementId,
      how_details: input.howDetails,
      target_date: input.targetDate,
      status: "not-started",
      carried_from_id: carriedFromId,
      appraisal_id: appraisal?.id ?? null,
      agreed_by: appraisal?.agreedBy ?? null,
      agreed_at: appraisal?.agreedAt ?? null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.competencyIds.length)
    await trx
      .insertInto("development_goal_competencies")
      .values(input.competencyIds.map((competencyId) => ({ goal_id: id, competency_id: competencyId })))
      .execute();
  await writeAudit(trx, {
    actorId: actor.id,
    pcnId: owner.pcnId,
    entity: "development_goal",
    entityId: id,
    action: "create",
    after: { userId: owner.id, ...input, carriedFromId, ...(appraisal ? { appraisalId: appraisal.id } : {}) },
    ip: actor.ip,
  });
  return id;
}

export async function createGoal(db: Executor, owner: Owner, input: GoalInput, actor: Actor & { id: number }) {
  return db.transaction().execute((trx) => insertGoal(trx, owner, input, actor));
}

/**
 * Adds an objective agreed at an appraisal to the person's plan, inside the transaction that confirms the
 * appraisal: agreed already (by the appraiser, when they confirmed it), and naming the appraisal.
 */
export function createAppraisalGoal(
  trx: Executor,
  owner: Owner,
  input: GoalInput,
  appraisal: { id: number; agreedBy: number; agreedAt: string },
  actor: Actor & { id: number },
) {
  return insertGoal(trx, owner, input, actor, { appraisal });
}

/** What a person's open goals work on: the competencies they link and the training they name. */
export async function planCoverage(
  db: Executor,
  personId: number,
): Promise<PlanCoverage & Record<keyof PlanCoverage, Set<string>>> {
  const open = db
    .selectFrom("development_goals as g")
    .where("g.person_id", "=", personId)
    .where("g.status", "in", [...OPEN_GOAL_STATUSES]);
  const linked = await open
    .innerJoin("development_goal_competencies as c", "c.goal_id", "g.id")
    .select("c.competency_id")
    .execute();
  const training = await open
    .select("g.training_requirement_id")
    .where("g.training_requirement_id", "is not", null)
    .execute();
  return {
    competencyIds: new Set(linked.map((l) => l.competency_id)),
    trainingIds: new Set(training.flatMap((t) => t.training_requirement_id ?? [])),
  };
}

/**
 * Adds goals to a person's plan in one transaction, leaving out each one an open goal already covers (see
 * `alreadyPlanned`). The person's row is locked first, so two requests at once add each goal once.
 */
export async function addGoalsUnlessPlanned(
  db: Executor,
  owner: Owner,
  inputs: readonly GoalInput[],
  actor: Actor & { id: number },
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom("users").select("id").where("id", "=", owner.id).$call(lockForUpdate).executeTakeFirst();
    const plan = await planCoverage(trx, owner.id);
    const added: number[] = [];
    for (const input of inputs) {
      if (alreadyPlanned(input, plan)) continue;
      added.push(await insertGoal(trx, owner, input, actor));
      // A later input for the same competency or training is covered by this one.
      input.competencyIds.forEach((id) => plan.competencyIds.add(id));
      if (input.trainingRequirementId) plan.trainingIds.add(input.trainingRequirementId);
    }
    return added;
  });
}

const goalColumns = ["g.id", "g.title", "g.target_date as targetDate", "g.status", "g.agreed_at as agreedAt"] as const;

/** One of this person's goals with its competencies and where it was carried from or to; undefined if not theirs. */
export async function getGoal(db: Executor, personId: number, goalId: number) {
  const goal = await db
    .selectFrom("development_goals as g")
    .leftJoin("users as a", "a.id", "g.agreed_by")
    .leftJoin("development_goals as next", "next.carried_from_id", "g.id")
    .select([
      ...goalColumns,
      "g.reason",
      "g.methods",
      "g.training_requirement_id as trainingRequirementId",
      "g.how_details as howDetails",
      "g.status_reason as statusReason",
      "g.carried_from_id as carriedFromId",
      "a.name as agreedByName",
      "next.id as carriedToId",
    ])
    .where("g.person_id", "=", personId)
    .where("g.id", "=", goalId)
    .executeTakeFirst();
  if (!goal) return undefined;
  const links = await db
    .selectFrom("development_goal_competencies")
    .select("competency_id")
    .where("goal_id", "=", goalId)
    .orderBy("competency_id")
    .execute();
  return { ...goal, methods: methodsOf(goal.methods), competencyIds: links.map((l) => l.competency_id) };
}
export type Goal = NonNullable<Awaited<ReturnType<typeof getGoal>>>;

/** A page of a person's goals due in a date range (an appraisal year), soonest first. */
export async function listGoals(
  db: Executor,
  personId: number,
  query: { range: { from: string; to: string }; page: number; pageSize: number },
) {
  const inRange = db
    .selectFrom("development_goals as g")
    .where("g.person_id", "=", personId)
    .where("g.target_date", ">=", query.range.from)
    .where("g.target_date", "<=", query.range.to);
  const { n } = await inRange.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const goals = await inRange
    .select(goalColumns)
    .orderBy("g.target_date")
    .orderBy("g.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { goals, total: Number(n) };
}

/** A page of a goal's history (agreement, status changes, progress), oldest first. */
export async function goalUpdates(db: Executor, goalId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("development_goal_updates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("goal_id", "=", goalId)
    .executeTakeFirstOrThrow();
  const updates = await db
    .selectFrom("development_goal_updates as u")
    .innerJoin("users as a", "a.id", "u.actor_id")
    .leftJoin("supervision_meetings as m", "m.id", "u.meeting_id")
    .select(["u.id", "u.action", "u.note", "u.at", "a.name as actorName", "m.id as meetingId", "m.met_on as metOn"])
    .where("u.goal_id", "=", goalId)
    .orderBy("u.id")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { updates, total: Number(n) };
}

export interface GoalStep {
  action: Exclude<GoalAction, "carry-forward">;
  role: DevelopmentRole;
  /** The reason for dropping, or the progress made. */
  text: string | null;
  /** The supervision meeting at which progress was reviewed, if any: it must be one of the person's. */
  meetingId?: number | null;
  today: string;
  startMonth: number;
}

async function lockedGoal(trx: Executor, owner: Owner, goalId: number) {
  return trx
    .selectFrom("development_goals")
    .select([
      "id",
      "status",
      "agreed_by",
      "target_date",
      "title",
      "reason",
      "methods",
      "training_requirement_id",
      "how_details",
    ])
    .where("id", "=", goalId)
    .where("person_id", "=", owner.id)
    .$call(lockForUpdate)
    .executeTakeFirst();
}

async function appendUpdate(
  trx: Executor,
  owner: Owner,
  goalId: number,
  change: { action: GoalAction; note: string | null; meetingId: number | null; before: GoalStatus; after: GoalStatus },
  actor: Actor & { id: number },
) {
  const at = nowIso();
  await trx
    .insertInto("development_goal_updates")
    .values({
      goal_id: goalId,
      action: change.action,
      note: change.note,
      meeting_id: change.meetingId,
      actor_id: actor.id,
      at,
    })
    .execute();
  await writeAudit(trx, {
    actorId: actor.id,
    pcnId: owner.pcnId,
    entity: "development_goal",
    entityId: goalId,
    action: change.action,
    before: { status: change.before },
    after: { status: change.after, note: change.note, meetingId: change.meetingId },
    ip: actor.ip,
  });
  return at;
}

/** Agrees, starts, achieves or drops a goal, or records progress on it, following the goal workflow. */
export async function actOnGoal(
  db: Executor,
  owner: Owner,
  goalId: number,
  step: GoalStep,
  actor: Actor & { id: number },
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const goal = await lockedGoal(trx, owner, goalId);
    if (!goal) return { ok: false, reason: "Goal not found" };
    const state = { status: goal.status, agreed: goal.agreed_by !== null, targetDate: goal.target_date };
    const moved = goalTransition(state, step.action, step.role, step);
    if (!moved.ok) return moved;
    const meetingId = step.meetingId ?? null;
    if (meetingId !== null) {
      const meeting = await trx
        .selectFrom("supervision_meetings")
        .select("id")
        .where("id", "=", meetingId)
        .where("staff_id", "=", owner.id)
        .executeTakeFirst();
      if (!meeting) return { ok: false, reason: "Meeting not found" };
    }
    const at = await appendUpdate(
      trx,
      owner,
      goalId,
      { action: step.action, note: step.text, meetingId, before: goal.status, after: moved.next },
      actor,
    );
    const agreed = step.action === "agree" ? { agreed_by: actor.id, agreed_at: at } : {};
    const reason = step.action === "drop" ? { status_reason: step.text } : {};
    await trx
      .updateTable("development_goals")
      .set({ status: moved.next, updated_at: at, ...agreed, ...reason })
      .where("id", "=", goalId)
      .execute();
    return { ok: true, goalId };
  });
}

/**
 * Carries an unmet goal from an appraisal year that has ended into the current plan, with a reason and a new
 * target date: the old goal is marked "carried forward" and a new goal, not yet agreed, takes its place.
 */
export async function carryForwardGoal(
  db: Executor,
  owner: Owner,
  goalId: number,
  step: { role: DevelopmentRole; reason: string; targetDate: string; today: string; startMonth: number },
  actor: Actor & { id: number },
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const goal = await lockedGoal(trx, owner, goalId);
    if (!goal) return { ok: false, reason: "Goal not found" };
    const state = { status: goal.status, agreed: goal.agreed_by !== null, targetDate: goal.target_date };
    const moved = goalTransition(state, "carry-forward", step.role, { ...step, text: step.reason });
    if (!moved.ok) return moved;
    const links = await trx
      .selectFrom("development_goal_competencies")
      .select("competency_id")
      .where("goal_id", "=", goalId)
      .execute();
    const at = await appendUpdate(
      trx,
      owner,
      goalId,
      { action: "carry-forward", note: step.reason, meetingId: null, before: goal.status, after: moved.next },
      actor,
    );
    await trx
      .updateTable("development_goals")
      .set({ status: moved.next, status_reason: step.reason, updated_at: at })
      .where("id", "=", goalId)
      .execute();
    const next = await insertGoal(
      trx,
      owner,
      {
        title: goal.title,
        reason: goal.reason,
        competencyIds: links.map((l) => l.competency_id),
        methods: methodsOf(goal.methods),
        trainingRequirementId: goal.training_requirement_id,
        howDetails: goal.how_details,
        targetDate: step.targetDate,
      },
      actor,
      { carriedFromId: goalId },
    );
    return { ok: true, goalId: next };
  });
}

/** A page of the open goals of the given people that `narrow` picks, ordered by `sortBy` then id, with whose they are. */
async function openGoalsOf(
  db: Executor,
  personIds: readonly number[],
  narrow: (query: OpenGoals) => OpenGoals,
  sortBy: "g.target_date" | "g.created_at",
  page: { page: number; pageSize: number },
) {
  if (personIds.length === 0) return { goals: [], total: 0 };
  const open = narrow(
    db
      .selectFrom("development_goals as g")
      .where("g.person_id", "in", [...personIds])
      .where("g.status", "in", [...OPEN_GOAL_STATUSES]),
  );
  const { n } = await open.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const goals = await open
    .innerJoin("users as u", "u.id", "g.person_id")
    .select([...goalColumns, "u.id as personId", "u.name"])
    .orderBy(sortBy)
    .orderBy("g.id")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { goals, total: Number(n) };
}
type OpenGoals = SelectQueryBuilder<Database & { g: Database["development_goals"] }, "g", object>;

/**
 * Open goals of the given people that are overdue or due within 30 days, soonest first: the person's home page and
 * supervision screen show them, and the notifications job can find them here.
 */
export function goalsDueOrOverdue(
  db: Executor,
  personIds: readonly number[],
  today: string,
  page: { page: number; pageSize: number },
) {
  return openGoalsOf(
    db,
    personIds,
    (q) => q.where("g.target_date", "<=", dueSoonHorizon(today)),
    "g.target_date",
    page,
  );
}

/** Open goals of the given people (a supervisor's supervisees) that nobody has agreed yet, oldest first. */
export function goalsAwaitingAgreement(
  db: Executor,
  personIds: readonly number[],
  page: { page: number; pageSize: number },
) {
  return openGoalsOf(db, personIds, (q) => q.where("g.agreed_by", "is", null), "g.created_at", page);
}

/** How many of a person's goals due in a date range stand at each status: the home page's summary of the plan. */
export async function goalCounts(db: Executor, personId: number, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom("development_goals")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .where("person_id", "=", personId)
    .where("target_date", ">=", range.from)
    .where("target_date", "<=", range.to)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<GoalStatus, number>>;
}

/**
 * Every goal of a person due in a date range, soonest first, with who agreed it and the competencies it builds: one
 * query however many goals (a row per linked competency, grouped here), for the PDF portfolio.
 */
export async function goalsWithCompetencies(db: Executor, personId: number, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom("development_goals as g")
    .leftJoin("users as a", "a.id", "g.agreed_by")
    .leftJoin("development_goal_competencies as c", "c.goal_id", "g.id")
    .select([
      ...goalColumns,
      "g.status_reason as statusReason",
      "a.name as agreedByName",
      "c.competency_id as competencyId",
    ])
    .where("g.person_id", "=", personId)
    .where("g.target_date", ">=", range.from)
    .where("g.target_date", "<=", range.to)
    .orderBy("g.target_date")
    .orderBy("g.id")
    .orderBy("c.competency_id")
    .execute();
  const goals = new Map<number, Omit<(typeof rows)[number], "competencyId"> & { competencyIds: string[] }>();
  for (const { competencyId, ...goal } of rows) {
    const entry = goals.get(goal.id) ?? { ...goal, competencyIds: [] };
    if (competencyId) entry.competencyIds.push(competencyId);
    goals.set(goal.id, entry);
  }
  return [...goals.values()];
}
