/**
 * A goal in a personal development plan. The member of staff writes and works on it; only their designated
 * supervisor agrees it. At the end of its appraisal year an unmet goal is carried into the next year's plan with
 * a reason (the old goal stays, marked "carried forward").
 */
import { appraisalYear } from "./appraisal-year";
import type { DevelopmentRole } from "./permissions";
import { addCalendarDays } from "./training-status";
import { GOAL_STATUS_PHRASES, type GoalAction, type GoalStatus } from "./vocabulary";
import { workflow, type StepResult } from "./workflow";

export type { GoalAction, GoalStatus };

const OPEN: readonly GoalStatus[] = ["not-started", "in-progress"];

const OWNER_ACTIONS: Record<string, string> = { start: "start", achieve: "mark as achieved", drop: "drop" };

const goalWorkflow = workflow<GoalStatus, GoalAction, DevelopmentRole>({
  steps: {
    agree: { by: ["supervisor"], from: OPEN, done: "agreed" },
    start: { by: ["owner"], from: ["not-started"], to: "in-progress", done: "started" },
    achieve: { by: ["owner"], from: OPEN, to: "achieved", done: "marked as achieved" },
    drop: {
      by: ["owner"],
      from: OPEN,
      to: "dropped",
      done: "dropped",
      needsText: "Enter why you are dropping this goal",
    },
    "carry-forward": {
      by: ["owner", "supervisor"],
      from: OPEN,
      to: "carried-forward",
      done: "carried forward",
      needsText: "Enter why this goal is being carried forward",
    },
    "record-progress": {
      by: ["owner", "supervisor"],
      from: OPEN,
      done: "updated",
      needsText: "Enter the progress made",
    },
  },
  wrongRole: (action, role) => {
    if (action === "agree")
      return role === "owner"
        ? "You cannot agree your own goal: your supervisor agrees it."
        : "Only the person's designated supervisor can agree a goal.";
    const ownerOnly = OWNER_ACTIONS[action];
    if (ownerOnly) return `Only the person whose plan this is can ${ownerOnly} a goal.`;
    return "Only the person or their designated supervisor can change this goal.";
  },
  wrongState: (state, done) => `This goal is ${GOAL_STATUS_PHRASES[state]}, so it cannot be ${done}.`,
});

/** Whether this role may ever take the action on a goal (the person, their supervisor, or neither). */
export const goalRolePermits = (action: GoalAction, role: DevelopmentRole) => goalWorkflow.permits(action, role);

export interface GoalState {
  status: GoalStatus;
  agreed: boolean;
  targetDate: string;
}

/** The appraisal year whose plan a goal belongs to: the one its target date falls in. */
export const planYearOf = (targetDate: string, startMonth: number) => appraisalYear(targetDate, startMonth);

/** Whether an open goal's appraisal year has ended, so it is waiting to be carried forward (or closed). */
export function awaitingCarryForward(goal: GoalState, today: string, startMonth: number): boolean {
  return OPEN.includes(goal.status) && planYearOf(goal.targetDate, startMonth).end < today;
}

export function goalTransition(
  goal: GoalState,
  action: GoalAction,
  role: DevelopmentRole,
  context: { today: string; startMonth: number; text?: string | null },
): StepResult<GoalStatus> {
  const result = goalWorkflow.transition(goal.status, action, role, context.text);
  if (!result.ok) return result;
  if (action === "agree" && goal.agreed) return { ok: false, reason: "This goal has already been agreed." };
  if (action === "carry-forward" && !awaitingCarryForward(goal, context.today, context.startMonth))
    return { ok: false, reason: "A goal can be carried forward once the appraisal year it is due in has ended." };
  return result;
}

/** What this role may do to the goal now (dropping, carrying forward and progress still need their text). */
export function goalActions(
  goal: GoalState,
  role: DevelopmentRole,
  context: { today: string; startMonth: number },
): GoalAction[] {
  return goalWorkflow
    .allowedActions(goal.status, role)
    .filter((action) => goalTransition(goal, action, role, { ...context, text: "-" }).ok);
}

export const DUE_SOON_DAYS = 30;
export type GoalDue = "overdue" | "due-soon";

/** Whether an open goal is overdue or due within 30 days; null when neither, or when it is closed. */
export function goalDue(goal: Pick<GoalState, "status" | "targetDate">, today: string): GoalDue | null {
  if (!OPEN.includes(goal.status)) return null;
  if (goal.targetDate < today) return "overdue";
  return goal.targetDate <= addCalendarDays(today, DUE_SOON_DAYS) ? "due-soon" : null;
}

/** The last target date that still counts as due soon, for queries. */
export const dueSoonHorizon = (today: string) => addCalendarDays(today, DUE_SOON_DAYS);

export const OPEN_GOAL_STATUSES = OPEN;
