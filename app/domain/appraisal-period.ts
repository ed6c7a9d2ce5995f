/**
 * The period an appraisal looks back on: which stored instants fall in it, and how many supervision meetings the
 * policy expected in it.
 */
import type { SupervisionPolicy } from "./supervision-cadence";
import { expectedIntervalDays } from "./supervision-cadence";
import { addCalendarDays, daysBetween, todayInLondon } from "./training-status";

export interface Period {
  start: string;
  end: string;
}

/**
 * The instant (ISO 8601, UTC) at which a calendar day begins in England. Clocks change at 01:00 UTC, so midnight
 * is never skipped or repeated: it is 23:00 UTC the day before in summer time, 00:00 UTC otherwise.
 */
export function londonDayStartsAt(date: string): string {
  const summer = `${addCalendarDays(date, -1)}T23:00:00.000Z`;
  return todayInLondon(new Date(summer)) === date ? summer : `${date}T00:00:00.000Z`;
}

/** The instants of a period of calendar days in England: from its first moment, up to (not including) the next day's. */
export function periodInstants(period: Period): { from: string; before: string } {
  return { from: londonDayStartsAt(period.start), before: londonDayStartsAt(addCalendarDays(period.end, 1)) };
}

/**
 * How many supervision meetings the policy expected in the period: one per interval for the person's FTE, over the
 * days of the period they were in post and that have passed.
 */
export function expectedMeetings(
  period: Period,
  person: { startDate: string | null; fte: number | null },
  today: string,
  policy: SupervisionPolicy,
): number {
  const from = person.startDate && person.startDate > period.start ? person.startDate : period.start;
  const to = today < period.end ? today : period.end;
  if (to < from) return 0;
  return Math.floor((daysBetween(from, to) + 1) / expectedIntervalDays(person.fte ?? 1, policy));
}
