/**
 * A person's self-assessment, development plan and appraisals as whole records: purged with a leaver (ADR 0010),
 * exported on request.
 */
import type { AuditEntity } from "~/domain/vocabulary";
import type { Executor } from "./audit.server";

const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id);
const orNone = (ids: number[]) => (ids.length ? ids : [-1]);

/** Deletes the person's ratings and goals with their histories; answers the counts and the ids for the audit trail. */
export async function purgeDevelopment(trx: Executor, personId: number) {
  const ratingIds = idsOf(
    await trx.selectFrom("competency_ratings").select("id").where("person_id", "=", personId).execute(),
  );
  const goalIds = idsOf(
    await trx.selectFrom("development_goals").select("id").where("person_id", "=", personId).execute(),
  );
  await trx.deleteFrom("rating_reviews").where("rating_id", "in", orNone(ratingIds)).execute();
  await trx.deleteFrom("competency_ratings").where("id", "in", orNone(ratingIds)).execute();
  await trx.deleteFrom("development_goal_updates").where("goal_id", "in", orNone(goalIds)).execute();
  await trx.deleteFrom("development_goal_competencies").where("goal_id", "in", orNone(goalIds)).execute();
  // A carried-forward goal names the one it came from: clear the links before deleting either.
  await trx
    .updateTable("development_goals")
    .set({ carried_from_id: null })
    .where("id", "in", orNone(goalIds))
    .execute();
  await trx.deleteFrom("development_goals").where("id", "in", orNone(goalIds)).execute();
  // Their appraisals go (after the goals that named them); appraisals they held of others stay, as meetings do.
  const appraisalIds = idsOf(
    await trx.selectFrom("appraisals").select("id").where("person_id", "=", personId).execute(),
  );
  await trx.deleteFrom("appraisal_versions").where("appraisal_id", "in", orNone(appraisalIds)).execute();
  await trx.deleteFrom("appraisals").where("id", "in", orNone(appraisalIds)).execute();
  const records: { entity: AuditEntity; ids: number[] }[] = [
    { entity: "competency_rating", ids: ratingIds },
    { entity: "development_goal", ids: goalIds },
    { entity: "appraisal", ids: appraisalIds },
  ];
  return {
    counts: { ratings: ratingIds.length, goals: goalIds.length, appraisals: appraisalIds.length },
    records,
  };
}

/** Everything held about the person's self-assessment and development plan, for a subject access request. */
export async function developmentHeldAbout(db: Executor, personId: number) {
  const ratings = await db
    .selectFrom("competency_ratings")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();
  const goals = await db
    .selectFrom("development_goals")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();
  const goalIds = orNone(idsOf(goals));
  const appraisals = await db
    .selectFrom("appraisals")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();
  return {
    competencyRatings: ratings,
    ratingReviews: await db
      .selectFrom("rating_reviews")
      .selectAll()
      .where("rating_id", "in", orNone(idsOf(ratings)))
      .orderBy("id")
      .execute(),
    developmentGoals: goals,
    developmentGoalCompetencies: await db
      .selectFrom("development_goal_competencies")
      .selectAll()
      .where("goal_id", "in", goalIds)
      .execute(),
    developmentGoalUpdates: await db
      .selectFrom("development_goal_updates")
      .selectAll()
      .where("goal_id", "in", goalIds)
      .orderBy("id")
      .execute(),
    appraisals,
    appraisalVersions: await db
      .selectFrom("appraisal_versions")
      .selectAll()
      .where("appraisal_id", "in", orNone(idsOf(appraisals)))
      .orderBy("id")
      .execute(),
  };
}
