import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** "2026-04-11" → "11 April 2026", the NHS style for dates. Anything unparseable is shown as it is. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])), "d MMMM yyyy");
}

/** A stored UTC timestamp as the wall clock in England: "25 November 2026 at 2:39pm". */
export function formatDateTime(isoTimestamp: string | null | undefined): string {
  if (!isoTimestamp) return "";
  const when = new TZDate(isoTimestamp, "Europe/London");
  return Number.isNaN(when.getTime()) ? isoTimestamp : format(when, "d MMMM yyyy 'at' h:mmaaa");
}
