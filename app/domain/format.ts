/**
 * Dates and times as people read them, the NHS way: "11 April 2026", "25 November 2026 at 2:39pm" (UK clocks).
 * Plain string work where possible: a large PDF portfolio formats thousands of dates.
 */
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2026-04-11" (or a timestamp starting with it) → "11 April 2026"; "" for no date; anything else as it is. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}

/** "2026-04" (or a date starting with it) → "April 2026"; anything else as it is. */
export function formatMonth(isoMonth: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(isoMonth);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : isoMonth;
}

const UK_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h23",
});

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (0 = January): when UK clocks change, by the rule in force since 1996. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * How far UK clocks are ahead of UTC at an instant: an hour in British Summer Time (the last Sunday of March to the
 * last Sunday of October), otherwise none. Worked out rather than asked of Intl, whose formatToParts took most of
 * the time of a page of timestamps; years outside the rule's known span are asked of Intl.
 */
function ukOffsetMs(when: Date): number {
  const year = when.getUTCFullYear();
  if (year < 1996 || year > 2099) {
    const parts = Object.fromEntries(UK_CLOCK.formatToParts(when).map((p) => [p.type, Number(p.value)]));
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour, parts.minute);
    return wall - Math.floor(when.getTime() / 60_000) * 60_000;
  }
  const time = when.getTime();
  return time >= lastSundayAtOneUtc(year, 2) && time < lastSundayAtOneUtc(year, 9) ? HOUR_MS : 0;
}

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** An instant's date and time on UK clocks (GMT or BST), or null when it is not a timestamp. */
function ukClock(isoInstant: string) {
  const when = new Date(isoInstant);
  if (Number.isNaN(when.getTime())) return null;
  const wall = new Date(when.getTime() + ukOffsetMs(when));
  const hours = wall.getUTCHours();
  return {
    date: formatDate(`${wall.getUTCFullYear()}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())}`),
    time: `${hours % 12 || 12}:${twoDigits(wall.getUTCMinutes())}${hours < 12 ? "am" : "pm"}`,
  };
}

/** A stored UTC timestamp as the wall clock in England: "25 November 2026 at 2:39pm". */
export function formatDateTime(isoInstant: string | null | undefined): string {
  if (!isoInstant) return "";
  const clock = ukClock(isoInstant);
  return clock ? `${clock.date} at ${clock.time}` : isoInstant;
}

/** The calendar date in England of a stored UTC timestamp (late evening in summer is already the next day). */
export function formatInstantDate(isoInstant: string | null | undefined): string {
  if (!isoInstant) return "";
  return ukClock(isoInstant)?.date ?? isoInstant;
}
