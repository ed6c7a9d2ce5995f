/**
 * The calendar arithmetic in app/domain works on "YYYY-MM-DD" strings. These properties check it against date-fns
 * with a UTC TZDate (how the rules did it before) on random dates, so the faster arithmetic gives the same answers.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, differenceInCalendarDays, format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { supervisionState, supervisionStateChangesOn } from "~/domain/supervision-cadence";
import {
  addCalendarDays,
  addCalendarMonths,
  daysBetween,
  isCalendarDate,
  todayInLondon,
  trainingState,
  trainingStateChangesOn,
} from "~/domain/training-status";

const reference = {
  parse(iso: string): TZDate | null {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!parts) return null;
    const date = new TZDate(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), "UTC");
    return format(date, "yyyy-MM-dd") === iso ? date : null;
  },
  iso: (date: TZDate) => format(date, "yyyy-MM-dd"),
};

const isoDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// Strings shaped like dates, many of them impossible (2026-02-30, 2026-13-01).
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 2300 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);

describe("calendar arithmetic matches date-fns", () => {
  it("accepts and refuses the same strings", () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, isoDate), (text) => isCalendarDate(text) === (reference.parse(text) !== null)),
    );
  });

  it("counts the same days between two dates", () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        expect(daysBetween(a, b)).toBe(differenceInCalendarDays(reference.parse(b)!, reference.parse(a)!));
      }),
    );
  });

  it("adds days and months the same way, clamping to the month's end", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: -4000, max: 4000 }),
        fc.integer({ min: -120, max: 120 }),
        (d, days, months) => {
          expect(addCalendarDays(d, days)).toBe(reference.iso(addDays(reference.parse(d)!, days)));
          expect(addCalendarMonths(d, months)).toBe(reference.iso(addMonths(reference.parse(d)!, months)));
        },
      ),
    );
  });

  it("gives the date in London that a zoned date-fns date gives", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1971-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }),
        (now) => {
          expect(todayInLondon(now)).toBe(format(new TZDate(now, "Europe/London"), "yyyy-MM-dd"));
        },
      ),
    );
  });
});

describe("when a standing next changes", () => {
  const progress = fc.record({
    status: fc.constantFrom("completed" as const, "enrolled" as const, "undertaking" as const),
    completedOn: fc.option(isoDate),
    renewalMonths: fc.option(fc.constantFrom(0, 12, 24, 36)),
  });

  it("training: the state is the same every day before the change date, and differs on it", () => {
    fc.assert(
      fc.property(progress, isoDate, fc.integer({ min: 1, max: 90 }), (p, today, window) => {
        const changesOn = trainingStateChangesOn(p, today, window);
        const now = trainingState(p, today, window);
        const horizon = changesOn ?? addCalendarDays(today, 2000);
        for (const day of [addCalendarDays(horizon, -1), addCalendarDays(today, 1)]) {
          if (day >= today && day < horizon) expect(trainingState(p, day, window)).toBe(now);
        }
        if (changesOn) {
          expect(changesOn > today).toBe(true);
          expect(trainingState(p, changesOn, window)).not.toBe(now);
        } else if (p.status === "completed" && p.completedOn && p.renewalMonths) {
          expect(now).toBe("expired");
        }
      }),
    );
  });

  it("supervision: the state is the same every day before the change date, and differs on it", () => {
    const policy = { version: "t", fullTimeIntervalDays: 30, maxIntervalDays: 90 };
    fc.assert(
      fc.property(
        fc.record({
          lastMeetingOn: fc.option(isoDate),
          startDate: isoDate,
          fte: fc.constantFrom(0.2, 0.5, 1),
          hasSupervisor: fc.boolean(),
        }),
        isoDate,
        (history, today) => {
          const status = supervisionState(history, today, policy);
          const changesOn = supervisionStateChangesOn(status, today);
          const later = addCalendarDays(changesOn ?? addCalendarDays(today, 400), -1);
          if (later >= today) expect(supervisionState(history, later, policy).state).toBe(status.state);
          if (changesOn) {
            expect(changesOn > today).toBe(true);
            expect(supervisionState(history, changesOn, policy).state).not.toBe(status.state);
          } else {
            expect(["overdue", "no-supervisor"]).toContain(status.state);
          }
        },
      ),
    );
  });
});
