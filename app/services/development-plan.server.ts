/** The personal development plan pages: a year's goals, one goal with what can be done to it, and those steps. */
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { competencyTitles } from "~/content/framework.server";
import { findRequirement, getContent } from "~/content/index.server";
import { appraisalYearOf } from "~/domain/appraisal-year";
import { goalActions } from "~/domain/goal-workflow";
import { developmentRoleOf, type Viewer } from "~/domain/permissions";
import { addCalendarMonths, todayInLondon } from "~/domain/training-status";
import type { goalStepSchema } from "~/forms/development.server";
import { env } from "~/lib/env.server";
import type { Executor } from "~/models/audit.server";
import {
  actOnGoal,
  carryForwardGoal,
  getGoal,
  goalCounts,
  goalsAwaitingAgreement,
  goalsDueOrOverdue,
  goalUpdates,
  listGoals,
} from "~/models/goals.server";
import { ratingsAwaitingSupervisor } from "~/models/ratings.server";
import { listMeetings } from "~/models/supervision.server";
import type { Actor } from "~/models/user.server";
import type { z } from "zod";

interface PersonRef {
  id: number;
  pcnId: number | null;
}

const startMonth = () => env().APPRAISAL_YEAR_START_MONTH;
const today = () => todayInLondon(new Date());
/** How many due goals a panel lists before "and N more". */
export const DUE_PANEL_SIZE = 10;

/** Open goals overdue or due within 30 days, for the person's home, plan and supervision pages. */
export async function dueGoalsOf(db: Executor, personId: number) {
  return {
    ...(await goalsDueOrOverdue(db, [personId], today(), { page: 1, pageSize: DUE_PANEL_SIZE })),
    today: today(),
  };
}

/** The home page's view of a person's own plan: this year's goals by status, and those due soon or overdue. */
export async function ownDevelopmentOf(db: Executor, personId: number) {
  const year = appraisalYearOfDate(today());
  return {
    year: year.label,
    counts: await goalCounts(db, personId, { from: year.start, to: year.end }),
    due: await dueGoalsOf(db, personId),
  };
}

/** What waits for a supervisor among the people they supervise: ratings to confirm and goals to agree. */
export async function awaitingSupervisor(db: Executor, superviseeIds: readonly number[]) {
  const first = { page: 1, pageSize: DUE_PANEL_SIZE };
  const titles = competencyTitles();
  const ratings = await ratingsAwaitingSupervisor(db, superviseeIds, first);
  return {
    ratings: {
      ...ratings,
      ratings: ratings.ratings.map((r) => ({ ...r, competency: titles[r.competencyId] ?? "A competency" })),
    },
    goals: await goalsAwaitingAgreement(db, superviseeIds, first),
  };
}

/** One appraisal year's plan (the current one unless another is asked for), a page of its goals at a time. */
export async function planFor(
  db: Executor,
  viewer: Viewer,
  person: PersonRef,
  query: { year?: string; page: number; pageSize: number },
) {
  const current = appraisalYearOfDate(today());
  // An unknown or malformed year falls back to the current one, so an old bookmark still opens.
  const year = (query.year && appraisalYearOf(query.year, startMonth())) || current;
  const goals = await listGoals(db, person.id, { range: { from: year.start, to: year.end }, ...query });
  // Next year's plan (for goals set ahead), this year's and the three before, newest first.
  const years = [1, 0, -1, -2, -3].map((k) => appraisalYearOfDate(addCalendarMonths(current.start, 12 * k)).label);
  if (!years.includes(year.label)) years.push(year.label);
  return { role: developmentRoleOf(viewer, person), year, years, ...goals, due: await dueGoalsOf(db, person.id) };
}

/** One of the person's goals with what this viewer may do to it now; undefined if it is not theirs. */
export async function goalPageFor(
  db: Executor,
  viewer: Viewer,
  person: PersonRef,
  goalId: number,
  page: { page: number; pageSize: number },
) {
  const goal = await getGoal(db, person.id, goalId);
  if (!goal) return undefined;
  const role = developmentRoleOf(viewer, person);
  const state = { status: goal.status, agreed: goal.agreedAt !== null, targetDate: goal.targetDate };
  const actions = goalActions(state, role, { today: today(), startMonth: startMonth() });
  const titles = competencyTitles();
  const training = goal.trainingRequirementId ? findRequirement(getContent(), goal.trainingRequirementId) : undefined;
  const meetings = actions.includes("record-progress")
    ? (await listMeetings(db, person.id, { page: 1, pageSize: 12 })).meetings.map((m) => ({ id: m.id, metOn: m.metOn }))
    : [];
  return {
    role,
    goal: {
      ...goal,
      competencies: goal.competencyIds.map((id) => titles[id] ?? "No longer in the framework"),
      trainingTitle: training?.title ?? null,
    },
    actions,
    meetings,
    history: await goalUpdates(db, goalId, page),
  };
}

export type GoalStepInput = z.infer<ReturnType<typeof goalStepSchema>>;

/** Takes a step on a goal as this viewer: the model checks the workflow again inside its transaction. */
export async function takeGoalStep(
  db: Executor,
  viewer: Viewer,
  person: PersonRef,
  goalId: number,
  input: GoalStepInput,
  actor: Actor & { id: number },
) {
  const role = developmentRoleOf(viewer, person);
  const context = { today: today(), startMonth: startMonth() };
  switch (input.intent) {
    case "carry-forward":
      return carryForwardGoal(
        db,
        person,
        goalId,
        { role, reason: input.reason, targetDate: input.targetDate, ...context },
        actor,
      );
    case "drop":
      return actOnGoal(db, person, goalId, { action: "drop", role, text: input.dropReason, ...context }, actor);
    case "record-progress":
      return actOnGoal(
        db,
        person,
        goalId,
        { action: "record-progress", role, text: input.note, meetingId: input.meetingId, ...context },
        actor,
      );
    default:
      return actOnGoal(db, person, goalId, { action: input.intent, role, text: null, ...context }, actor);
  }
}
