/**
 * What a person's self-assessment ratings add up to: each competency's latest self-rating and latest confirmed
 * rating, kept apart (never averaged), and each area's picture over time for the chart and its table.
 */
import { addCalendarDays, addCalendarMonths, todayInLondon } from "./training-status";
import type { RatingState } from "./vocabulary";

export interface RatingRecord {
  id: number;
  competencyId: string;
  level: string;
  /** When it was made and when the supervisor decided it (ISO timestamps). */
  ratedAt: string;
  status: RatingState;
  decidedAt: string | null;
}

export interface CompetencyRatings<R extends RatingRecord> {
  self: R | null;
  confirmed: R | null;
}

const newest = <R extends RatingRecord>(a: R | null, b: R, at: (r: R) => string) =>
  !a || at(b) > at(a) || (at(b) === at(a) && b.id > a.id) ? b : a;

/** Each competency's latest self-rating and latest confirmed rating (a later self-rating may differ from it). */
export function currentRatings<R extends RatingRecord>(ratings: readonly R[]): Map<string, CompetencyRatings<R>> {
  const byCompetency = new Map<string, CompetencyRatings<R>>();
  for (const rating of ratings) {
    const entry = byCompetency.get(rating.competencyId) ?? { self: null, confirmed: null };
    entry.self = newest(entry.self, rating, (r) => r.ratedAt);
    if (rating.status === "confirmed") entry.confirmed = newest(entry.confirmed, rating, (r) => r.decidedAt ?? "");
    byCompetency.set(rating.competencyId, entry);
  }
  return byCompetency;
}

/** How many of an area's competencies stood at each level on a date; `unrated` had none yet. */
export interface LevelCounts {
  byLevel: number[];
  unrated: number;
}

export interface AreaSnapshot {
  date: string;
  self: LevelCounts;
  confirmed: LevelCounts;
}

export interface AreaTimeline {
  areaId: string;
  title: string;
  snapshots: AreaSnapshot[];
}

/** At most this many points per area: the chart and its table stay short. */
export const TIMELINE_POINTS = 12;

const dayOf = (timestamp: string) => todayInLondon(new Date(timestamp));
const monthEnd = (date: string) => addCalendarDays(addCalendarMonths(`${date.slice(0, 7)}-01`, 1), -1);

function countAt(
  competencyIds: readonly string[],
  levels: readonly string[],
  levelOn: (competencyId: string) => string | null,
): LevelCounts {
  const counts: LevelCounts = { byLevel: levels.map(() => 0), unrated: 0 };
  for (const id of competencyIds) {
    const index = levels.indexOf(levelOn(id) ?? "");
    if (index < 0) counts.unrated += 1;
    else counts.byLevel[index]! += 1;
  }
  return counts;
}

/**
 * For each area, the end of every month in which one of its ratings was made or confirmed (today for the current
 * month), with how many competencies stood at each level then: self-rated and confirmed counted separately.
 */
export function areaTimelines(
  areas: readonly { id: string; title: string; competencyIds: readonly string[] }[],
  levels: readonly string[],
  ratings: readonly RatingRecord[],
  today: string,
): AreaTimeline[] {
  return areas.map((area) => {
    const own = ratings.filter((r) => area.competencyIds.includes(r.competencyId));
    const events = own.flatMap((r) => [
      dayOf(r.ratedAt),
      ...(r.status === "confirmed" && r.decidedAt ? [dayOf(r.decidedAt)] : []),
    ]);
    const dates = [...new Set(events.map((d) => (monthEnd(d) < today ? monthEnd(d) : today)))]
      .sort()
      .slice(-TIMELINE_POINTS);
    const snapshots = dates.map((date) => {
      const known = currentRatings(
        own
          .filter((r) => dayOf(r.ratedAt) <= date)
          .map((r) =>
            r.decidedAt && dayOf(r.decidedAt) > date ? { ...r, status: "awaiting-confirmation" as const } : r,
          ),
      );
      return {
        date,
        self: countAt(area.competencyIds, levels, (id) => known.get(id)?.self?.level ?? null),
        confirmed: countAt(area.competencyIds, levels, (id) => known.get(id)?.confirmed?.level ?? null),
      };
    });
    return { areaId: area.id, title: area.title, snapshots };
  });
}
