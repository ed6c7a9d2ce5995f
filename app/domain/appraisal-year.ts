/**
 * The twelve-month period an appraisal, CPD summary or report covers. NHS employers usually run
 * April to March (labelled "2026/27"); a January start gives plain calendar years (labelled "2026").
 */
import { addCalendarDays, addCalendarMonths, calendarParts } from "~/domain/training-status";

export interface AppraisalYear {
  start: string;
  end: string;
  label: string;
}

export const APRIL = 4;

const LABEL = /^([12]\d{3})(?:\/\d{2})?$/;

function checkStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`The appraisal year must start in month 1 to 12, got ${startMonth}`);
  }
}

function labelFor(startYear: number, startMonth: number): string {
  if (startMonth === 1) return String(startYear);
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

function yearStarting(startYear: number, startMonth: number): AppraisalYear {
  const start = `${startYear}-${String(startMonth).padStart(2, "0")}-01`;
  return { start, end: addCalendarDays(addCalendarMonths(start, 12), -1), label: labelFor(startYear, startMonth) };
}

/** The appraisal year that contains `date`. */
export function appraisalYear(date: string, startMonth = APRIL): AppraisalYear {
  checkStartMonth(startMonth);
  const day = calendarParts(date);
  const startYear = day.month >= startMonth ? day.year : day.year - 1;
  return yearStarting(startYear, startMonth);
}

/** The appraisal year a label such as "2026/27" names, or null when the label is not one (e.g. "2026/28"). */
export function appraisalYearOf(label: string, startMonth = APRIL): AppraisalYear | null {
  checkStartMonth(startMonth);
  const match = LABEL.exec(label);
  if (!match) return null;
  const year = yearStarting(Number(match[1]), startMonth);
  return year.label === label ? year : null;
}
