import { describe, expect, it } from "vitest";
import { awaitingCarryForward, goalActions, goalDue, goalTransition, type GoalState } from "~/domain/goal-workflow";
import type { DevelopmentRole } from "~/domain/permissions";
import { ratingWorkflow } from "~/domain/rating-workflow";
import type { GoalAction, GoalStatus, RatingAction, RatingState } from "~/domain/vocabulary";

const ROLES: DevelopmentRole[] = ["owner", "supervisor", "other"];
const RATING_STATES: RatingState[] = ["self-rated", "awaiting-confirmation", "confirmed", "returned"];
const RATING_ACTIONS: RatingAction[] = ["request", "confirm", "return"];

/** Every allowed rating move, written out by hand: anything not listed must be refused. */
const RATING_ALLOWED: Record<string, RatingState> = {
  "self-rated/request/owner": "awaiting-confirmation",
  "returned/request/owner": "awaiting-confirmation",
  "awaiting-confirmation/confirm/supervisor": "confirmed",
  "awaiting-confirmation/return/supervisor": "returned",
};

describe("the rating confirmation workflow", () => {
  for (const state of RATING_STATES)
    for (const action of RATING_ACTIONS)
      for (const role of ROLES) {
        const key = `${state}/${action}/${role}`;
        const expected = RATING_ALLOWED[key];
        it(`${expected ? "allows" : "refuses"} ${key}`, () => {
          const result = ratingWorkflow.transition(state, action, role, "a comment");
          expect(result).toEqual(expected ? { ok: true, next: expected } : { ok: false, reason: expect.any(String) });
          expect(ratingWorkflow.allowedActions(state, role).includes(action)).toBe(Boolean(expected));
        });
      }

  it("says why the person cannot confirm their own rating and why a confirmed one cannot be confirmed again", () => {
    expect(ratingWorkflow.transition("awaiting-confirmation", "confirm", "owner")).toEqual({
      ok: false,
      reason: "You cannot confirm or return your own rating.",
    });
    expect(ratingWorkflow.transition("confirmed", "confirm", "supervisor")).toEqual({
      ok: false,
      reason: "This rating is confirmed, so it cannot be confirmed.",
    });
  });

  it("refuses a return without a comment", () => {
    expect(ratingWorkflow.transition("awaiting-confirmation", "return", "supervisor", "  ")).toEqual({
      ok: false,
      reason: "Enter a comment saying why you are returning this rating",
    });
  });
});

const GOAL_STATES: GoalStatus[] = ["not-started", "in-progress", "achieved", "carried-forward", "dropped"];
const GOAL_ACTIONS: GoalAction[] = ["agree", "start", "achieve", "drop", "carry-forward", "record-progress"];
const APRIL = 4;

/** Every allowed goal move for a goal not yet agreed whose appraisal year has ended; anything else is refused. */
const GOAL_ALLOWED: Record<string, GoalStatus> = {};
for (const from of ["not-started", "in-progress"] as const) {
  Object.assign(GOAL_ALLOWED, {
    [`${from}/agree/supervisor`]: from,
    [`${from}/achieve/owner`]: "achieved",
    [`${from}/drop/owner`]: "dropped",
    [`${from}/carry-forward/owner`]: "carried-forward",
    [`${from}/carry-forward/supervisor`]: "carried-forward",
    [`${from}/record-progress/owner`]: from,
    [`${from}/record-progress/supervisor`]: from,
  });
}
GOAL_ALLOWED["not-started/start/owner"] = "in-progress";

describe("the goal workflow", () => {
  const context = { today: "2027-04-01", startMonth: APRIL, text: "A reason" };
  for (const status of GOAL_STATES)
    for (const action of GOAL_ACTIONS)
      for (const role of ROLES) {
        const key = `${status}/${action}/${role}`;
        const expected = GOAL_ALLOWED[key];
        it(`${expected ? "allows" : "refuses"} ${key}`, () => {
          const goal: GoalState = { status, agreed: false, targetDate: "2027-03-31" };
          const result = goalTransition(goal, action, role, context);
          expect(result).toEqual(expected ? { ok: true, next: expected } : { ok: false, reason: expect.any(String) });
          expect(goalActions(goal, role, context).includes(action)).toBe(Boolean(expected));
        });
      }

  it("only the supervisor agrees a goal, and only once", () => {
    const goal: GoalState = { status: "not-started", agreed: false, targetDate: "2027-06-30" };
    expect(goalTransition(goal, "agree", "owner", context)).toEqual({
      ok: false,
      reason: "You cannot agree your own goal: your supervisor agrees it.",
    });
    expect(goalTransition({ ...goal, agreed: true }, "agree", "supervisor", context)).toEqual({
      ok: false,
      reason: "This goal has already been agreed.",
    });
  });

  it("needs a reason to drop or carry forward a goal", () => {
    const goal: GoalState = { status: "in-progress", agreed: true, targetDate: "2027-03-31" };
    expect(goalTransition(goal, "drop", "owner", { ...context, text: "" })).toEqual({
      ok: false,
      reason: "Enter why you are dropping this goal",
    });
    expect(goalTransition(goal, "carry-forward", "owner", { ...context, text: null })).toEqual({
      ok: false,
      reason: "Enter why this goal is being carried forward",
    });
  });
});

describe("carrying goals forward at the appraisal year boundary", () => {
  const dueOn31March: GoalState = { status: "in-progress", agreed: true, targetDate: "2027-03-31" };
  const dueOn1April: GoalState = { ...dueOn31March, targetDate: "2027-04-01" };

  it("a goal due on 31 March belongs to the year ending that day: it waits to be carried forward from 1 April", () => {
    expect(awaitingCarryForward(dueOn31March, "2027-03-31", APRIL)).toBe(false);
    expect(awaitingCarryForward(dueOn31March, "2027-04-01", APRIL)).toBe(true);
    expect(
      goalTransition(dueOn31March, "carry-forward", "owner", { today: "2027-03-31", startMonth: APRIL, text: "x" }),
    ).toEqual({
      ok: false,
      reason: "A goal can be carried forward once the appraisal year it is due in has ended.",
    });
    expect(
      goalTransition(dueOn31March, "carry-forward", "owner", { today: "2027-04-01", startMonth: APRIL, text: "x" }),
    ).toEqual({
      ok: true,
      next: "carried-forward",
    });
  });

  it("a goal due on 1 April is in the new year's plan, so it is not carried forward", () => {
    expect(awaitingCarryForward(dueOn1April, "2027-04-01", APRIL)).toBe(false);
    expect(awaitingCarryForward(dueOn1April, "2028-03-31", APRIL)).toBe(false);
    expect(awaitingCarryForward(dueOn1April, "2028-04-01", APRIL)).toBe(true);
  });

  it("follows a configured start month: with calendar years, a goal due on 31 March is carried from 1 January", () => {
    expect(awaitingCarryForward(dueOn31March, "2027-04-01", 1)).toBe(false);
    expect(awaitingCarryForward(dueOn31March, "2027-12-31", 1)).toBe(false);
    expect(awaitingCarryForward(dueOn31March, "2028-01-01", 1)).toBe(true);
  });

  it("a goal already achieved, dropped or carried forward is never carried again", () => {
    for (const status of ["achieved", "dropped", "carried-forward"] as const)
      expect(awaitingCarryForward({ ...dueOn31March, status }, "2027-04-01", APRIL)).toBe(false);
  });
});

describe("goals due soon or overdue", () => {
  const goal = (targetDate: string, status: GoalStatus = "not-started") => ({ status, targetDate });
  it("is overdue after its target date, due soon within 30 days, and neither once closed", () => {
    expect(goalDue(goal("2026-11-25"), "2026-11-26")).toBe("overdue");
    expect(goalDue(goal("2026-11-26"), "2026-11-26")).toBe("due-soon");
    expect(goalDue(goal("2026-12-26"), "2026-11-26")).toBe("due-soon");
    expect(goalDue(goal("2026-12-27"), "2026-11-26")).toBeNull();
    expect(goalDue(goal("2026-11-01", "achieved"), "2026-11-26")).toBeNull();
  });
});
