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

export const isoTime = (ms: number) => new Date(ms).toISOString();
