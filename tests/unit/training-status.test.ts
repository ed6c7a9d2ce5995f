import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { daysBetween, expiryDate, parseCalendarDate, todayInLondon, trainingState } from "~/domain/training-status";

describe("parseCalendarDate", () => {
  it("accepts real dates including 29 February in a leap year", () => {
    expect(() => parseCalendarDate("2024-02-29")).not.toThrow();
  });

  it.each(["2026-02-29", "2026-02-30", "2026-13-01", "2026-4-1", "01/04/2026", ""])(
    "refuses %j instead of rolling it over",
    (input) => {
      expect(() => parseCalendarDate(input)).toThrow(RangeError);
    },
  );
});

describe("daysBetween", () => {
  it("counts calendar days across the clock changes", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2026-03-30", "2026-03-28")).toBe(-2);
  });
});

describe("expiryDate", () => {
  it.each([
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-08-31", 1, "2026-09-30"],
    ["2026-03-03", 12, "2027-03-03"],
    ["2025-06-15", 36, "2028-06-15"],
  ])("training completed on %s with a %i month renewal expires on %s", (completedOn, months, expected) => {
    expect(expiryDate(completedOn, months)).toBe(expected);
  });

  it("never expires when there is no renewal period or it is 0", () => {
    expect(expiryDate("2020-05-01", null)).toBeNull();
    expect(expiryDate("2020-05-01", 0)).toBeNull();
  });

  it("refuses a nonsense renewal period", () => {
    expect(() => expiryDate("2020-05-01", -12)).toThrow(RangeError);
    expect(() => expiryDate("2020-05-01", 1.5)).toThrow(RangeError);
  });
});

describe("trainingState", () => {
  const yearly = (completedOn: string | null) => ({ status: "completed" as const, completedOn, renewalMonths: 12 });

  it("is missing when nothing has been recorded", () => {
    expect(trainingState({ status: null, completedOn: null, renewalMonths: 12 }, "2026-05-01")).toBe("missing");
  });

  it("is missing when a completion has no date, because its expiry cannot be checked", () => {
    expect(trainingState(yearly(null), "2026-05-01")).toBe("missing");
  });

  it.each(["enrolled", "undertaking"] as const)("is in progress while %s", (status) => {
    expect(trainingState({ status, completedOn: null, renewalMonths: 12 }, "2026-05-01")).toBe("in-progress");
  });

  it("stays valid for ever when the training never needs renewing", () => {
    expect(trainingState({ status: "completed", completedOn: "2010-01-01", renewalMonths: null }, "2026-05-01")).toBe(
      "valid",
    );
    expect(trainingState({ status: "completed", completedOn: "2010-01-01", renewalMonths: 0 }, "2026-05-01")).toBe(
      "valid",
    );
  });

  it("is valid on the day before the expiry date and expired on the expiry date itself", () => {
    // Completed 3 March 2025, yearly renewal: expires 3 March 2026.
    expect(trainingState(yearly("2025-03-03"), "2026-03-02")).toBe("expiring-soon");
    expect(trainingState(yearly("2025-03-03"), "2026-03-03")).toBe("expired");
    expect(trainingState(yearly("2025-03-03"), "2026-11-25")).toBe("expired");
  });

  it("warns when the expiry date is exactly 60 days away but not 61", () => {
    // Expires 2026-07-01; 60 days before is 2026-05-02.
    expect(trainingState(yearly("2025-07-01"), "2026-05-01")).toBe("valid");
    expect(trainingState(yearly("2025-07-01"), "2026-05-02")).toBe("expiring-soon");
  });

  it("uses a custom warning window", () => {
    expect(trainingState(yearly("2025-07-01"), "2026-06-01", 30)).toBe("expiring-soon");
    expect(trainingState(yearly("2025-07-01"), "2026-05-31", 30)).toBe("valid");
  });

  it("applies the 29 February rule: a leap-day completion expires on 28 February", () => {
    expect(trainingState(yearly("2024-02-29"), "2025-02-27")).toBe("expiring-soon");
    expect(trainingState(yearly("2024-02-29"), "2025-02-28")).toBe("expired");
  });

  it("handles a three-year renewal", () => {
    const threeYearly = { status: "completed" as const, completedOn: "2023-09-30", renewalMonths: 36 };
    expect(trainingState(threeYearly, "2026-07-31")).toBe("valid");
    expect(trainingState(threeYearly, "2026-09-29")).toBe("expiring-soon");
    expect(trainingState(threeYearly, "2026-09-30")).toBe("expired");
  });
});

describe("todayInLondon", () => {
  it.each([
    // Summer (BST, UTC+1): late evening UTC is already tomorrow in London.
    ["2026-06-30T23:30:00Z", "2026-07-01"],
    ["2026-06-30T22:59:59Z", "2026-06-30"],
    // Winter (GMT): London matches UTC.
    ["2026-12-31T23:30:00Z", "2026-12-31"],
    ["2027-01-01T00:30:00Z", "2027-01-01"],
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    ["2026-03-28T23:30:00Z", "2026-03-28"],
    ["2026-03-29T00:30:00Z", "2026-03-29"],
    ["2026-03-29T23:30:00Z", "2026-03-30"],
    ["2026-03-30T00:30:00Z", "2026-03-30"],
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    ["2026-10-24T23:30:00Z", "2026-10-25"],
    ["2026-10-25T00:30:00Z", "2026-10-25"],
    ["2026-10-25T23:30:00Z", "2026-10-25"],
    ["2026-10-26T00:30:00Z", "2026-10-26"],
  ])("at %s it is %s in London", (instant, expected) => {
    expect(todayInLondon(new Date(instant))).toBe(expected);
  });

  it("changes date on the first millisecond of London's day, asked one after the other", () => {
    // Midnight in summer (BST) and in winter (GMT), each asked about a millisecond before and then at it.
    for (const [before, at, dates] of [
      ["2026-06-30T22:59:59.999Z", "2026-06-30T23:00:00.000Z", ["2026-06-30", "2026-07-01"]],
      ["2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.000Z", ["2026-12-31", "2027-01-01"]],
    ] as const) {
      expect([todayInLondon(new Date(before)), todayInLondon(new Date(at))]).toEqual(dates);
      expect(todayInLondon(new Date(before))).toBe(dates[0]);
    }
  });
});

describe("independence from the server's time zone", () => {
  // The time zone belongs to the whole process, and this file runs in a worker thread (vitest.config.ts), which
  // cannot change it: one child process works the rules out in each zone.
  const zones = ["Europe/London", "America/Los_Angeles", "Pacific/Auckland"];
  const script = `
    const { daysBetween, expiryDate, todayInLondon } = await import("./app/domain/training-status.ts");
    const answers = {};
    for (const zone of ${JSON.stringify(zones)}) {
      process.env.TZ = zone;
      answers[zone] = {
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        expiry: expiryDate("2024-02-29", 12),
        days: daysBetween("2026-03-28", "2026-03-30"),
        today: todayInLondon(new Date("2026-06-30T23:30:00Z")),
      };
    }
    console.log(JSON.stringify(answers));`;
  let answers: Record<string, { zone: string; expiry: string; days: number; today: string }>;
  beforeAll(async () => {
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
    });
    answers = JSON.parse(run.stdout);
  }, 60_000);

  it.each(zones)("gives the same answers in %s", (zone) => {
    expect(answers[zone]!.zone).toBe(zone);
    expect(answers[zone]!.expiry).toBe("2025-02-28");
    expect(answers[zone]!.days).toBe(2);
    expect(answers[zone]!.today).toBe("2026-07-01");
  });
});
