import { describe, expect, it } from "vitest";
import { expectedMeetings, londonDayStartsAt, periodInstants } from "~/domain/appraisal-period";
import { appraisalWorkflow, isLocked, type AppraisalRole } from "~/domain/appraisal-workflow";
import { appraisalRoleOf, appraisersOf, type Viewer } from "~/domain/permissions";
import type { AppraisalAction, AppraisalStatus } from "~/domain/vocabulary";

const ROLES: AppraisalRole[] = ["owner", "appraiser", "other"];
const STATES: AppraisalStatus[] = ["draft", "awaiting-person", "confirmed"];
const ACTIONS: AppraisalAction[] = ["edit", "appraiser-confirm", "person-confirm"];

/** Every allowed appraisal move, written out by hand: anything not listed must be refused. */
const ALLOWED: Record<string, AppraisalStatus> = {
  "draft/edit/appraiser": "draft",
  "draft/appraiser-confirm/appraiser": "awaiting-person",
  "awaiting-person/person-confirm/owner": "confirmed",
};

describe("the appraisal workflow", () => {
  for (const state of STATES)
    for (const action of ACTIONS)
      for (const role of ROLES) {
        const key = `${state}/${action}/${role}`;
        const expected = ALLOWED[key];
        it(`${expected ? "allows" : "refuses"} ${key}`, () => {
          const result = appraisalWorkflow.transition(state, action, role);
          expect(result).toEqual(expected ? { ok: true, next: expected } : { ok: false, reason: expect.any(String) });
          expect(appraisalWorkflow.allowedActions(state, role).includes(action)).toBe(Boolean(expected));
        });
      }

  it("nobody edits an appraisal once anyone has confirmed it, and says why", () => {
    for (const state of ["awaiting-person", "confirmed"] as const) {
      expect(isLocked(state)).toBe(true);
      for (const role of ROLES) expect(appraisalWorkflow.allowedActions(state, role)).not.toContain("edit");
    }
    expect(isLocked("draft")).toBe(false);
    expect(appraisalWorkflow.transition("confirmed", "edit", "appraiser")).toEqual({
      ok: false,
      reason: "This appraisal is confirmed by both, so it cannot be changed.",
    });
    expect(appraisalWorkflow.transition("draft", "edit", "owner")).toEqual({
      ok: false,
      reason: "Your appraiser writes and confirms the appraisal record; you confirm it once they have.",
    });
    expect(appraisalWorkflow.transition("draft", "person-confirm", "owner")).toEqual({
      ok: false,
      reason: "This appraisal is a draft, so it cannot be confirmed by the person.",
    });
  });
});

describe("who appraises, and who may see appraisals", () => {
  const viewer = (id: number, extra: Partial<Viewer> = {}): Viewer => ({
    id,
    pcnId: 1,
    roles: ["coordinator"],
    superviseeIds: [],
    ...extra,
  });
  const person = { id: 10, pcnId: 1 };

  it("is the line manager where one is recorded, otherwise the designated supervisors", () => {
    expect(appraisersOf({ lineManagerIds: [3], supervisorIds: [4, 5] })).toEqual([3]);
    expect(appraisersOf({ lineManagerIds: [], supervisorIds: [4, 5] })).toEqual([4, 5]);
    expect(appraisersOf({ lineManagerIds: [], supervisorIds: [] })).toEqual([]);
  });

  it("gives each viewer their part, and none (404) to anyone else", () => {
    const supervisor = viewer(4, { roles: ["supervisor"], superviseeIds: [10] });
    expect(appraisalRoleOf(viewer(10), person, [3])).toBe("owner");
    // A line manager with no other role appraises, though they see nothing else of the person.
    expect(appraisalRoleOf(viewer(3), person, [3])).toBe("appraiser");
    expect(appraisalRoleOf(supervisor, person, [3])).toBe("other");
    expect(appraisalRoleOf(supervisor, person, [4])).toBe("appraiser");
    expect(appraisalRoleOf(viewer(6, { roles: ["lead"] }), person, [3])).toBe("other");
    expect(appraisalRoleOf(viewer(7, { roles: ["admin"], pcnId: null }), person, [3])).toBe("other");
    expect(appraisalRoleOf(viewer(8), person, [3])).toBeNull();
    expect(appraisalRoleOf(viewer(9, { roles: ["lead"], pcnId: 2 }), person, [3])).toBeNull();
  });

  it("acts as appraiser on an appraisal only for the appraiser it names", () => {
    expect(appraisalRoleOf(viewer(3), person, [3], { appraiserId: 3 })).toBe("appraiser");
    expect(appraisalRoleOf(viewer(3), person, [3], { appraiserId: 5 })).toBe("other");
    // Someone no longer the person's appraiser takes no step on the appraisal they recorded.
    expect(appraisalRoleOf(viewer(5), person, [3], { appraiserId: 5 })).toBeNull();
  });
});

describe("the appraisal period", () => {
  it("starts each day at midnight in England, in summer time and out of it", () => {
    expect(londonDayStartsAt("2026-01-15")).toBe("2026-01-15T00:00:00.000Z");
    expect(londonDayStartsAt("2026-04-01")).toBe("2026-03-31T23:00:00.000Z");
    // The clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    expect(londonDayStartsAt("2026-03-29")).toBe("2026-03-29T00:00:00.000Z");
    expect(londonDayStartsAt("2026-03-30")).toBe("2026-03-29T23:00:00.000Z");
    expect(londonDayStartsAt("2026-10-25")).toBe("2026-10-24T23:00:00.000Z");
    expect(londonDayStartsAt("2026-10-26")).toBe("2026-10-26T00:00:00.000Z");
    expect(periodInstants({ start: "2025-04-01", end: "2026-03-31" })).toEqual({
      from: "2025-03-31T23:00:00.000Z",
      before: "2026-03-31T23:00:00.000Z",
    });
  });

  it("expects a meeting per interval of the days in post that have passed", () => {
    const policy = { version: "t", fullTimeIntervalDays: 31, maxIntervalDays: 92 };
    const year = { start: "2025-04-01", end: "2026-03-31" };
    expect(expectedMeetings(year, { startDate: "2020-01-01", fte: 1 }, "2026-11-26", policy)).toBe(11);
    expect(expectedMeetings(year, { startDate: "2020-01-01", fte: 0.5 }, "2026-11-26", policy)).toBe(5);
    // Started on 1 October: 182 days in post, 5 meetings.
    expect(expectedMeetings(year, { startDate: "2025-10-01", fte: 1 }, "2026-11-26", policy)).toBe(5);
    // The year is under way: only the days so far count (1 April to 31 May is 61 days).
    expect(expectedMeetings(year, { startDate: null, fte: null }, "2025-05-31", policy)).toBe(1);
    expect(expectedMeetings(year, { startDate: "2026-06-01", fte: 1 }, "2026-11-26", policy)).toBe(0);
  });
});
