/** Deleting a leaver's self-assessment and development plan with the rest of their records (ADR 0010). */
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
  const records: { entity: AuditEntity; ids: number[] }[] = [
    { entity: "competency_rating", ids: ratingIds },
    { entity: "development_goal", ids: goalIds },
  ];
  return { counts: { ratings: ratingIds.length, goals: goalIds.length }, records };
}
