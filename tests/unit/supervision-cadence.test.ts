import { describe, expect, it } from "vitest";
import { expectedIntervalDays, supervisionState, type SupervisionPolicy } from "~/domain/supervision-cadence";

const policy: SupervisionPolicy = { version: "test-1", fullTimeIntervalDays: 30, maxIntervalDays: 90 };

describe("expectedIntervalDays", () => {
  it.each([
    [1, 30],
    [0.8, 38],
    [0.6, 50],
    [0.4, 75],
    [0.34, 88],
  ])("at FTE %d meetings are due every %i days", (fte, days) => {
    expect(expectedIntervalDays(fte, policy)).toBe(days);
  });

  it("never lets part-time staff go longer than the policy cap", () => {
    expect(expectedIntervalDays(0.1, policy)).toBe(90);
    expect(expectedIntervalDays(0.2, { ...policy, maxIntervalDays: 120 })).toBe(120);
  });

  it.each([0, -0.5, 1.2, Number.NaN])("refuses an FTE of %d", (fte) => {
    expect(() => expectedIntervalDays(fte, policy)).toThrow(RangeError);
  });
});

describe("supervisionState", () => {
  const fullTime = { fte: 1, startDate: "2025-09-01", hasSupervisor: true };

  it("counts from the start date when the person has not met their supervisor yet", () => {
    const status = supervisionState(
      { ...fullTime, startDate: "2026-05-01", lastMeetingOn: null },
      "2026-05-10",
      policy,
    );
    expect(status).toEqual({ state: "ok", dueOn: "2026-05-31", daysOverdue: 0 });
  });

  it("counts from the last meeting once there has been one", () => {
    const status = supervisionState({ ...fullTime, lastMeetingOn: "2026-05-10" }, "2026-05-12", policy);
    expect(status.dueOn).toBe("2026-06-09");
  });

  it("is due soon from 7 days before the due date, and still only due soon on the due date", () => {
    const last = { ...fullTime, lastMeetingOn: "2026-05-01" }; // due 2026-05-31
    expect(supervisionState(last, "2026-05-23", policy).state).toBe("ok");
    expect(supervisionState(last, "2026-05-24", policy).state).toBe("due-soon");
    expect(supervisionState(last, "2026-05-31", policy)).toEqual({
      state: "due-soon",
      dueOn: "2026-05-31",
      daysOverdue: 0,
    });
  });

  it("is overdue from the day after the due date and counts the days", () => {
    const last = { ...fullTime, lastMeetingOn: "2026-05-01" };
    expect(supervisionState(last, "2026-06-01", policy)).toEqual({
      state: "overdue",
      dueOn: "2026-05-31",
      daysOverdue: 1,
    });
    expect(supervisionState(last, "2026-07-15", policy).daysOverdue).toBe(45);
  });

  it("spaces meetings pro rata for part-time staff", () => {
    const status = supervisionState(
      { fte: 0.4, hasSupervisor: true, startDate: "2025-09-01", lastMeetingOn: "2026-01-01" },
      "2026-03-01",
      policy,
    );
    expect(status).toEqual({ state: "ok", dueOn: "2026-03-17", daysOverdue: 0 });
  });

  it("uses the cap for someone on a very small contract", () => {
    const status = supervisionState(
      { fte: 0.1, hasSupervisor: true, startDate: "2025-09-01", lastMeetingOn: "2026-01-01" },
      "2026-04-02",
      policy,
    );
    expect(status).toEqual({ state: "overdue", dueOn: "2026-04-01", daysOverdue: 1 });
  });

  it("crosses month ends and leap years correctly", () => {
    expect(supervisionState({ ...fullTime, lastMeetingOn: "2026-01-31" }, "2026-02-01", policy).dueOn).toBe(
      "2026-03-02",
    );
    expect(supervisionState({ ...fullTime, lastMeetingOn: "2028-01-31" }, "2028-02-01", policy).dueOn).toBe(
      "2028-03-01",
    );
    expect(supervisionState({ ...fullTime, lastMeetingOn: "2026-12-15" }, "2026-12-16", policy).dueOn).toBe(
      "2027-01-14",
    );
  });

  it("is not thrown out by the clocks changing", () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(supervisionState({ ...fullTime, lastMeetingOn: "2026-03-15" }, "2026-03-16", policy).dueOn).toBe(
      "2026-04-14",
    );
    const autumn = supervisionState({ ...fullTime, lastMeetingOn: "2026-10-10" }, "2026-11-12", policy);
    expect(autumn).toEqual({ state: "overdue", dueOn: "2026-11-09", daysOverdue: 3 });
  });

  it("reads 'No supervisor' for someone nobody supervises, never 'Up to date', however recent the last meeting", () => {
    expect(
      supervisionState({ ...fullTime, hasSupervisor: false, lastMeetingOn: "2026-05-10" }, "2026-05-12", policy),
    ).toEqual({ state: "no-supervisor", dueOn: "2026-06-09", daysOverdue: 0 });
    expect(
      supervisionState({ ...fullTime, hasSupervisor: false, lastMeetingOn: "2026-05-10" }, "2026-06-12", policy),
    ).toEqual({ state: "no-supervisor", dueOn: "2026-06-09", daysOverdue: 3 });
  });
});
