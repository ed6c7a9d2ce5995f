/**
 * Whether a piece of training is current, and the calendar-date helpers the other rules share.
 *
 * Calendar dates travel as ISO "YYYY-MM-DD" strings and the rules do their arithmetic on those strings' numbers,
 * without a date object per call: a national dashboard applies them millions of times. The answer never depends
 * on the server's time zone or on clock changes; only "today in London" needs a zone, and its formatter is made
 * once.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_ZONE = "UTC";
const DAY_MS = 86_400_000;

interface CalendarParts {
  year: number;
  month: number;
  day: number;
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The year, month and day of "YYYY-MM-DD", refusing impossible dates such as 2026-02-30 rather than rolling them
 * over. Years before 100 are refused too, as JavaScript dates would read them as 19xx.
 */
export function calendarParts(iso: string): CalendarParts {
  const parts = ISO_DATE.exec(iso);
  if (parts) {
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): "${iso}"`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoOf = ({ year, month, day }: CalendarParts) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const dayNumber = ({ year, month, day }: CalendarParts) => Date.UTC(year, month - 1, day) / DAY_MS;

/** Parses "YYYY-MM-DD" into a date in UTC, for date-fns arithmetic in scripts and tests. */
export function parseCalendarDate(iso: string): TZDate {
  const { year, month, day } = calendarParts(iso);
  return new TZDate(year, month - 1, day, CALENDAR_ZONE);
}

/** Whether text is a real "YYYY-MM-DD" date (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  try {
    calendarParts(text);
    return true;
  } catch {
    return false;
  }
}

/** Formats a zoned date (e.g. from parseCalendarDate plus date-fns arithmetic) as "YYYY-MM-DD" in its zone. */
export function formatCalendarDate(date: TZDate): string {
  return format(date, "yyyy-MM-dd");
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(calendarParts(to)) - dayNumber(calendarParts(from));
}

/** The date `days` days after `iso` (before it when negative). */
export function addCalendarDays(iso: string, days: number): string {
  const date = new Date((dayNumber(calendarParts(iso)) + days) * DAY_MS);
  return isoOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** The date `months` months after `iso`, clamped to the month's end: 31 January + 1 month is 28 (or 29) February. */
export function addCalendarMonths(iso: string, months: number): string {
  const { year, month, day } = calendarParts(iso);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
  return isoOf({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

const LONDON_DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const MINUTE_MS = 60_000;
/** The last minute asked about and its date: a request asks several times, and the formatter is slow. */
let lastMinute = { minute: NaN, date: "" };

/**
 * The date on the wall calendar in England at the given instant (BST-aware). London's offset from UTC is always
 * whole hours, so its days start on a whole minute and one date holds for every instant of a UTC minute.
 */
export function todayInLondon(now: Date): string {
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  if (minute !== lastMinute.minute) {
    const parts = Object.fromEntries(LONDON_DATE.formatToParts(now).map((p) => [p.type, p.value]));
    lastMinute = { minute, date: `${parts.year}-${parts.month}-${parts.day}` };
  }
  return lastMinute.date;
}

/**
 * When training completed on `completedOn` needs renewing, or null when it never does (no renewal
 * period, or 0). Month arithmetic clamps to the month end: 29 February + 12 months is 28 February.
 */
export function expiryDate(completedOn: string, renewalMonths: number | null): string | null {
  if (!renewalMonths) return null;
  if (!Number.isInteger(renewalMonths) || renewalMonths < 0) {
    throw new RangeError(`Renewal period must be a whole number of months, got ${renewalMonths}`);
  }
  return addCalendarMonths(completedOn, renewalMonths);
}

export type TrainingRecordStatus = "enrolled" | "undertaking" | "completed";
export type TrainingState = "missing" | "in-progress" | "valid" | "expiring-soon" | "expired";

export interface TrainingProgress {
  status: TrainingRecordStatus | null;
  completedOn: string | null;
  renewalMonths: number | null;
}

export const EXPIRY_WARNING_DAYS = 60;

/**
 * Training is valid up to and including the day before its expiry date and expired from the expiry
 * date itself. It is "expiring-soon" when the expiry date is `windowDays` days away or fewer.
 * A completion without a completion date cannot be checked, so it counts as missing.
 */
export function trainingState(
  progress: TrainingProgress,
  today: string,
  windowDays = EXPIRY_WARNING_DAYS,
): TrainingState {
  if (progress.status === "enrolled" || progress.status === "undertaking") return "in-progress";
  if (progress.status === null || progress.completedOn === null) return "missing";

  const expiresOn = expiryDate(progress.completedOn, progress.renewalMonths);
  if (expiresOn === null) return "valid";

  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft <= 0) return "expired";
  return daysLeft <= windowDays ? "expiring-soon" : "valid";
}

/**
 * The first day after `today` on which trainingState gives another answer for this progress, or null when it never
 * will: the day the expiry warning starts, then the expiry date. Kept beside trainingState so the two cannot drift.
 */
export function trainingStateChangesOn(
  progress: TrainingProgress,
  today: string,
  windowDays = EXPIRY_WARNING_DAYS,
): string | null {
  if (progress.status !== "completed" || progress.completedOn === null) return null;
  const expiresOn = expiryDate(progress.completedOn, progress.renewalMonths);
  if (expiresOn === null) return null;
  const warningFrom = addCalendarDays(expiresOn, -windowDays);
  if (today < warningFrom) return warningFrom;
  return today < expiresOn ? expiresOn : null;
}
