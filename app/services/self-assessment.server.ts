/** The self-assessment page: each competency's self-rating, confirmed rating and sign-off, and each area over time. */
import { getContent } from "~/content/index.server";
import { developmentRoleOf, type Viewer } from "~/domain/permissions";
import { ratingWorkflow } from "~/domain/rating-workflow";
import { areaTimelines, currentRatings } from "~/domain/self-assessment";
import { todayInLondon } from "~/domain/training-status";
import type { Executor } from "~/models/audit.server";
import { ratingHistory, ratingsOf } from "~/models/ratings.server";
import { latestSignoffs } from "~/models/signoff.server";

/** The scale's levels, lowest first, as pages and charts show them. */
export function proficiencyLevels() {
  return getContent().proficiencyScale.levels;
}

export async function selfAssessmentFor(
  db: Executor,
  viewer: Viewer,
  person: { id: number; pcnId: number | null },
  page: { page: number; pageSize: number },
) {
  const role = developmentRoleOf(viewer, person);
  const levels = proficiencyLevels();
  const levelTitle = (id: string | undefined) => levels.find((l) => l.id === id)?.title ?? null;
  const ratings = await ratingsOf(db, person.id);
  const current = currentRatings(ratings);
  const signoffs = await latestSignoffs(db, person.id);
  const areas = getContent().framework.areas;
  const rows = areas.map((area) => ({
    id: area.id,
    title: area.title,
    competencies: area.competencies.map((c) => {
      const { self, confirmed } = current.get(c.id) ?? { self: null, confirmed: null };
      return {
        id: c.id,
        title: c.title,
        self: self && { id: self.id, level: levelTitle(self.level), status: self.status, ratedAt: self.ratedAt },
        confirmed: confirmed && { level: levelTitle(confirmed.level), decidedAt: confirmed.decidedAt },
        signOff: signoffs.get(c.id)?.status ?? null,
        actions: self ? ratingWorkflow.allowedActions(self.status, role) : [],
      };
    }),
  }));
  const timelines = areaTimelines(
    areas.map((a) => ({ id: a.id, title: a.title, competencyIds: a.competencies.map((c) => c.id) })),
    levels.map((l) => l.id),
    ratings,
    todayInLondon(new Date()),
  );
  const history = await ratingHistory(db, person.id, page);
  return {
    role,
    levels,
    rows,
    timelines,
    history: {
      ...history,
      ratings: history.ratings.map((r) => ({ ...r, level: levelTitle(r.level) ?? r.level })),
    },
  };
}

/** The content versions a new rating is made under. */
export function ratingVersions() {
  const content = getContent();
  return { framework: content.framework.version, scale: content.proficiencyScale.version };
}
