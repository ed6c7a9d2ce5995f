import { describe, expect, it } from "vitest";
import {
  allowedActions,
  canSignOff,
  competencyStatus,
  transition,
  type Actor,
  type EvidenceAction,
  type EvidenceState,
} from "~/domain/evidence-workflow";

const states: EvidenceState[] = ["draft", "submitted", "returned", "accepted"];
const actions: EvidenceAction[] = ["submit", "return", "accept", "amend", "edit", "withdraw"];
const actors: Actor[] = ["owner", "reviewer", "other"];

// The whole specification: every move not listed here must be refused.
const permitted: Array<[EvidenceState, EvidenceAction, Actor, EvidenceState, boolean]> = [
  ["draft", "submit", "owner", "submitted", false],
  ["returned", "submit", "owner", "submitted", false],
  ["submitted", "return", "reviewer", "returned", false],
  ["submitted", "accept", "reviewer", "accepted", false],
  ["returned", "amend", "owner", "returned", false],
  ["accepted", "amend", "owner", "draft", true],
  ["draft", "edit", "owner", "draft", false],
  ["returned", "edit", "owner", "returned", false],
  ["submitted", "withdraw", "owner", "draft", false],
];

const everyCombination = states.flatMap((state) =>
  actions.flatMap((action) => actors.map((actor) => [state, action, actor] as const)),
);

function expectedMove(state: EvidenceState, action: EvidenceAction, actor: Actor) {
  const row = permitted.find(([s, a, who]) => s === state && a === action && who === actor);
  return row ? { next: row[3], newVersion: row[4] } : null;
}

describe("transition: every state, action and actor", () => {
  it("covers all 72 combinations", () => {
    expect(everyCombination).toHaveLength(72);
  });

  it.each(everyCombination)("%s evidence, %s by %s", (state, action, actor) => {
    const result = transition(state, action, actor, { comment: "Please add what you learned." });
    const move = expectedMove(state, action, actor);
    if (move) {
      expect(result).toEqual({ ok: true, ...move });
    } else {
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.reason).toMatch(/^[A-Z].+\.$/);
    }
  });

  it.each(everyCombination)("allowedActions agrees for %s evidence, %s by %s", (state, action, actor) => {
    expect(allowedActions(state, actor).includes(action)).toBe(expectedMove(state, action, actor) !== null);
  });
});

describe("transition: reasons people see", () => {
  it("stops owners reviewing their own evidence", () => {
    expect(transition("submitted", "accept", "owner")).toEqual({
      ok: false,
      reason: "You cannot review your own evidence.",
    });
    expect(transition("submitted", "return", "owner", { comment: "Fine" })).toEqual({
      ok: false,
      reason: "You cannot review your own evidence.",
    });
  });

  it("stops anyone other than a supervisor reviewing", () => {
    expect(transition("submitted", "accept", "other")).toEqual({
      ok: false,
      reason: "Only a supervisor of the person who owns this evidence can accept it.",
    });
  });

  it("stops supervisors and others writing someone else's evidence", () => {
    for (const actor of ["reviewer", "other"] as const) {
      expect(transition("draft", "edit", actor)).toEqual({
        ok: false,
        reason: "Only the person who owns this evidence can edit it.",
      });
    }
  });

  it("explains when the evidence is in the wrong state", () => {
    expect(transition("accepted", "submit", "owner")).toEqual({
      ok: false,
      reason: "This evidence is accepted, so it cannot be submitted.",
    });
    expect(transition("submitted", "edit", "owner")).toEqual({
      ok: false,
      reason: "This evidence is waiting for review, so it cannot be edited.",
    });
    expect(transition("draft", "accept", "reviewer")).toEqual({
      ok: false,
      reason: "This evidence is a draft, so it cannot be accepted.",
    });
  });

  it.each([undefined, "", "   \n"])("needs a real comment to return evidence (comment %j)", (comment) => {
    expect(transition("submitted", "return", "reviewer", { comment })).toEqual({
      ok: false,
      reason: "Enter a comment explaining what needs to change.",
    });
  });

  it("does not need a comment to accept", () => {
    expect(transition("submitted", "accept", "reviewer")).toEqual({ ok: true, next: "accepted", newVersion: false });
  });

  it("walks a full review cycle: submit, return, amend, resubmit, accept, amend into a new version", () => {
    let state: EvidenceState = "draft";
    const steps: Array<[EvidenceAction, Actor]> = [
      ["submit", "owner"],
      ["return", "reviewer"],
      ["amend", "owner"],
      ["submit", "owner"],
      ["accept", "reviewer"],
      ["amend", "owner"],
    ];
    const visited: EvidenceState[] = [];
    for (const [action, actor] of steps) {
      const result = transition(state, action, actor, { comment: "Add a reflection on the outcome." });
      if (!result.ok) throw new Error(result.reason);
      state = result.next;
      visited.push(state);
    }
    expect(visited).toEqual(["submitted", "returned", "returned", "submitted", "accepted", "draft"]);
  });
});

describe("allowedActions", () => {
  it("offers the owner only what they can do in each state", () => {
    expect(allowedActions("draft", "owner")).toEqual(["submit", "edit"]);
    expect(allowedActions("submitted", "owner")).toEqual(["withdraw"]);
    expect(allowedActions("returned", "owner")).toEqual(["submit", "amend", "edit"]);
    expect(allowedActions("accepted", "owner")).toEqual(["amend"]);
  });

  it("offers a supervisor review actions only while evidence is waiting for review", () => {
    expect(allowedActions("submitted", "reviewer")).toEqual(["return", "accept"]);
    for (const state of ["draft", "returned", "accepted"] as const) {
      expect(allowedActions(state, "reviewer")).toEqual([]);
    }
  });

  it("offers nothing to anyone else", () => {
    for (const state of states) expect(allowedActions(state, "other")).toEqual([]);
  });
});

describe("competencyStatus", () => {
  it("is not started with no evidence", () => {
    expect(competencyStatus({ evidenceCount: 0, acceptedCount: 0, signOff: null })).toBe("not-started");
  });

  it("is developing once there is any evidence, accepted or not", () => {
    expect(competencyStatus({ evidenceCount: 1, acceptedCount: 0, signOff: null })).toBe("developing");
    expect(competencyStatus({ evidenceCount: 3, acceptedCount: 2, signOff: null })).toBe("developing");
  });

  it("follows the latest sign-off decision", () => {
    expect(competencyStatus({ evidenceCount: 2, acceptedCount: 2, signOff: { status: "signed-off" } })).toBe(
      "signed-off",
    );
    expect(competencyStatus({ evidenceCount: 2, acceptedCount: 2, signOff: { status: "withdrawn" } })).toBe(
      "withdrawn",
    );
  });
});

describe("canSignOff", () => {
  it("needs at least one accepted piece of evidence", () => {
    expect(canSignOff(0)).toBe(false);
    expect(canSignOff(1)).toBe(true);
    expect(canSignOff(4)).toBe(true);
  });
});
