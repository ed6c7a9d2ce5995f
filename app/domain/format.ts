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
  hourCycle: "h12",
});

/** An instant's date and time on UK clocks (GMT or BST), or null when it is not a timestamp. */
function ukClock(isoInstant: string) {
  const when = new Date(isoInstant);
  if (Number.isNaN(when.getTime())) return null;
  const parts = Object.fromEntries(UK_CLOCK.formatToParts(when).map((p) => [p.type, p.value]));
  const hour = parts.hour === "0" ? "12" : parts.hour;
  return {
    date: formatDate(`${parts.year}-${parts.month}-${parts.day}`),
    time: `${hour}:${parts.minute}${parts.dayPeriod?.toLowerCase() ?? ""}`,
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
