/**
 * Whether a piece of training is current, and the calendar-date helpers the other rules share.
 *
 * Calendar dates travel as ISO "YYYY-MM-DD" strings. Arithmetic runs on UTC-anchored dates so the
 * answer never depends on the server's time zone or on clock changes.
 */
import { TZDate } from "@date-fns/tz";
import { addMonths, differenceInCalendarDays, format } from "date-fns";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_ZONE = "UTC";
const UK_ZONE = "Europe/London";

/** Parses "YYYY-MM-DD", refusing impossible dates such as 2026-02-30 rather than rolling them over. */
export function parseCalendarDate(iso: string): TZDate {
  const parts = ISO_DATE.exec(iso);
  if (parts) {
    const date = new TZDate(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), CALENDAR_ZONE);
    if (formatCalendarDate(date) === iso) return date;
  }
  throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): "${iso}"`);
}

/** Whether text is a real "YYYY-MM-DD" date (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  try {
    parseCalendarDate(text);
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
  return differenceInCalendarDays(parseCalendarDate(to), parseCalendarDate(from));
}

/** The date on the wall calendar in England at the given instant (BST-aware). */
export function todayInLondon(now: Date): string {
  return formatCalendarDate(new TZDate(now, UK_ZONE));
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
  return formatCalendarDate(addMonths(parseCalendarDate(completedOn), renewalMonths));
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
