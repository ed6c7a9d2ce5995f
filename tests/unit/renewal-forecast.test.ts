import { describe, expect, it } from "vitest";
import { bestRecord, referralReadiness, renewalMonthsOf, type TrainingRecord } from "~/domain/readiness";
import { forecastOf, forecastWindow } from "~/domain/renewal-forecast";

describe("the renewal forecast's window", () => {
  it("is this calendar month and the next 11: after today, before the first day of the 13th month", () => {
    const window = forecastWindow("2026-11-26");
    expect(window.months).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
      "2027-05",
      "2027-06",
      "2027-07",
      "2027-08",
      "2027-09",
      "2027-10",
    ]);
    expect(window.after).toBe("2026-11-26");
    expect(window.before).toBe("2027-11-01");
  });

  it("starts from the 31st as well as the 1st", () => {
    expect(forecastWindow("2027-01-31").months.slice(0, 2)).toEqual(["2027-01", "2027-02"]);
  });

  it("runs on into the next year from December", () => {
    const window = forecastWindow("2026-12-31");
    expect([window.months[0], window.months[1], window.months[11]]).toEqual(["2026-12", "2027-01", "2027-11"]);
    expect(window.before).toBe("2027-12-01");
  });
});

describe("the forecast's months", () => {
  const requirements = [
    { id: "ig", title: "Information governance" },
    { id: "fire", title: "Fire safety" },
  ];

  it("groups counts and people by month, requirements in content order, empty months kept", () => {
    const months = forecastOf(
      "2026-11-26",
      requirements,
      [
        { month: "2027-01", requirementId: "fire", count: 2 },
        { month: "2027-01", requirementId: "ig", count: 1 },
        { month: "2026-12", requirementId: "fire", count: 1 },
      ],
      [
        { requirementId: "fire", id: 7, name: "Cal", expiresOn: "2026-12-02" },
        { requirementId: "ig", id: 5, name: "Ann", expiresOn: "2027-01-04" },
        { requirementId: "fire", id: 5, name: "Ann", expiresOn: "2027-01-10" },
        { requirementId: "fire", id: 6, name: "Ben", expiresOn: "2027-01-20" },
      ],
    );
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: "2026-11", label: "November 2026", total: 0, requirements: [] });
    expect(months[1]).toEqual({
      month: "2026-12",
      label: "December 2026",
      total: 1,
      requirements: [
        { id: "fire", title: "Fire safety", count: 1, people: [{ id: 7, name: "Cal", expiresOn: "2026-12-02" }] },
      ],
    });
    expect(months[2]!.total).toBe(3);
    expect(months[2]!.requirements.map((r) => [r.id, r.count, r.people!.map((p) => p.name)])).toEqual([
      ["ig", 1, ["Ann"]],
      ["fire", 2, ["Ann", "Ben"]],
    ]);
  });

  it("names nobody when no people are given (a national view)", () => {
    const months = forecastOf("2026-11-26", requirements, [{ month: "2027-03", requirementId: "ig", count: 40 }], null);
    expect(months[4]!.requirements).toEqual([{ id: "ig", title: "Information governance", count: 40, people: null }]);
  });
});

describe("a PCN's local renewal period", () => {
  const fire = {
    id: "fire",
    title: "Fire safety",
    renewalMonths: 24,
    requiredBeforeReferrals: true,
    underWayCounts: false,
    verifyBeforeReferrals: false,
  };
  const record: TrainingRecord = {
    requirementId: "fire",
    status: "completed",
    completedOn: "2025-06-01",
    verifiedAt: null,
  };

  it("replaces the content's period when the record carries one, and only then", () => {
    expect(renewalMonthsOf(record, fire)).toBe(24);
    expect(renewalMonthsOf({ ...record, localRenewalMonths: null }, fire)).toBe(24);
    expect(renewalMonthsOf({ ...record, localRenewalMonths: 12 }, fire)).toBe(12);
    expect(renewalMonthsOf({ localRenewalMonths: 36 }, { renewalMonths: null })).toBe(36);
  });

  it("decides state and readiness", () => {
    const today = "2026-11-26";
    expect(bestRecord(fire, [record], today)!.state).toBe("valid");
    expect(bestRecord(fire, [{ ...record, localRenewalMonths: 12 }], today)!.state).toBe("expired");
    const role = { id: "coordinator", requirements: ["fire"] };
    const byId = new Map([["fire", fire]]);
    expect(referralReadiness(role, byId, [record], today).state).toBe("ready");
    expect(referralReadiness(role, byId, [{ ...record, localRenewalMonths: 12 }], today)).toEqual({
      state: "not-ready",
      blockers: ["Fire safety: expired on 1 June 2026"],
      awaitingVerification: [],
    });
  });
});
