/**
 * Dates for the national data set as whole days since 1970 (cheap to add and compare in the millions) and
 * timestamps as milliseconds, turned into the ISO text the schema stores only when a row is written.
 */
import { todayInLondon } from "~/domain/training-status";
import type { Random } from "./random";

export const DAY_MS = 86_400_000;
/** Records go back about three years before today. */
export const HISTORY_DAYS = 3 * 365;

const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export class Clock {
  readonly nowMs: number;
  readonly today: number;
  /** The first day records are dated from. */
  readonly historyStart: number;
  private readonly isoDays = new Map<number, string>();

  constructor(now = new Date()) {
    this.nowMs = now.getTime();
    this.today = dayOf(todayInLondon(now));
    this.historyStart = this.today - HISTORY_DAYS;
  }

  /** "YYYY-MM-DD" for a day number. */
  date(day: number): string {
    let iso = this.isoDays.get(day);
    if (iso === undefined) {
      iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.isoDays.set(day, iso);
    }
    return iso;
  }

  dayOf(iso: string): number {
    return dayOf(iso);
  }

  /** A moment during the working day on `day`, never later than now. */
  during(day: number, random: Random): number {
    return this.notAfterNow(day * DAY_MS + random.int(8 * 3600, 18 * 3600) * 1000 + random.int(0, 999));
  }

  /**
   * `ms` moved back to within the hour before now when it would be in the future. Uses no randomness, so the
   * same --seed makes the same choices whatever the time of day.
   */
  notAfterNow(ms: number): number {
    return ms <= this.nowMs ? ms : this.nowMs - 1 - ((ms - this.nowMs) % 3_600_000);
  }

  /** The day a timestamp falls on (UTC, as the schema's text does). */
  dayOfMs(ms: number): number {
    return Math.floor(ms / DAY_MS);
  }
}

/** "YYYY-MM-DDT" for each day met so far: isoTime runs for millions of rows, and a Date per row adds up. */
const isoDayPrefixes = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The ISO text `new Date(ms).toISOString()` gives, for the millions of timestamps the load writes. */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = isoDayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    isoDayPrefixes.set(day, prefix);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  return `${prefix}${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}.${pad(inDay % 1000, 3)}Z`;
}
