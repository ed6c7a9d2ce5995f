/**
 * The renewal forecast: whose required training lapses in each of the next 12 calendar months (this one included),
 * per requirement, so a lead can book courses before anything expires. Pure: the rollups supply the expiry dates.
 */
import { formatMonth } from "./format";
import { groupBy } from "./group-by";

export const FORECAST_MONTHS = 12;

/** "YYYY-MM" of the month `offset` months after the one an ISO date falls in. */
function monthAfter(isoDate: string, offset: number): string {
  const index = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 + offset;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The forecast's months as "YYYY-MM", and the dates it covers: after today, before the first day past its end.
 * Whole months only, so plain month arithmetic: every dashboard works this out, more than once.
 */
export function forecastWindow(today: string): { months: string[]; after: string; before: string } {
  const months = Array.from({ length: FORECAST_MONTHS }, (_, i) => monthAfter(today, i));
  return { months, after: today, before: `${monthAfter(today, FORECAST_MONTHS)}-01` };
}

export interface LapsingPerson {
  id: number;
  name: string;
  expiresOn: string;
}

export interface ForecastRequirement {
  id: string;
  title: string;
  count: number;
  /** Who lapses, soonest first; null when the scope is too wide to list people (every PCN, an ICS). */
  people: LapsingPerson[] | null;
}

export interface ForecastMonth {
  /** "2026-11" */
  month: string;
  /** "November 2026" */
  label: string;
  total: number;
  requirements: ForecastRequirement[];
}

/**
 * Counts (and, when given, the people) grouped into the window's months, each month's requirements in the order
 * given (content order); a month with nothing lapsing is still there, with a total of 0.
 */
export function forecastOf(
  today: string,
  requirements: readonly { id: string; title: string }[],
  counts: readonly { month: string; requirementId: string; count: number }[],
  people: readonly (LapsingPerson & { requirementId: string })[] | null,
): ForecastMonth[] {
  const order = new Map(requirements.map((r, i) => [r.id, i]));
  const titleOf = (id: string) => requirements[order.get(id) ?? -1]?.title ?? id;
  // Grouped in one pass each, rather than every month searching all the counts and people (a PCN's people are
  // hundreds of rows, and this runs on every dashboard page).
  const countsByMonth = groupBy(
    counts.filter((c) => c.count > 0),
    (c) => c.month,
  );
  const peopleByKey = people ? groupBy(people, (p) => `${p.expiresOn.slice(0, 7)} ${p.requirementId}`) : null;
  return forecastWindow(today).months.map((month) => {
    const inMonth = (countsByMonth.get(month) ?? []).sort(
      (a, b) => (order.get(a.requirementId) ?? Infinity) - (order.get(b.requirementId) ?? Infinity),
    );
    return {
      month,
      label: formatMonth(month),
      total: inMonth.reduce((n, c) => n + c.count, 0),
      requirements: inMonth.map((c) => ({
        id: c.requirementId,
        title: titleOf(c.requirementId),
        count: c.count,
        people: peopleByKey
          ? (peopleByKey.get(`${month} ${c.requirementId}`) ?? []).map(({ requirementId: _, ...p }) => p)
          : null,
      })),
    };
  });
}
