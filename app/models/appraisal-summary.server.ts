/**
 * What happened in a person's appraisal period, counted: the appraisal screen shows it first so the meeting starts
 * prepared. Dated records count by their date; recorded moments (an acceptance, a sign-off, a rating, a goal
 * marked achieved) by the day they happened in England.
 */
import { periodInstants, type Period } from "~/domain/appraisal-period";
import type { CpdType } from "~/domain/vocabulary";
import type { Executor } from "./audit.server";

const countOf = async (query: Promise<{ n: number | string } | undefined>) => Number((await query)?.n ?? 0);

export async function periodFacts(db: Executor, personId: number, period: Period) {
  const { from, before } = periodInstants(period);
  const [evidenceAccepted, signOffs, ratings, trainingDone, meetings, goalsAchieved, cpd] = await Promise.all([
    countOf(
      db
        .selectFrom("evidence_reviews as r")
        .innerJoin("evidence_items as e", "e.id", "r.evidence_id")
        .select((eb) => eb.fn.count<number>("r.evidence_id").distinct().as("n"))
        .where("e.owner_id", "=", personId)
        .where("r.action", "=", "accept")
        .where("r.at", ">=", from)
        .where("r.at", "<", before)
        .executeTakeFirst(),
    ),
    countOf(
      db
        .selectFrom("competency_signoffs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", personId)
        .where("action", "=", "sign-off")
        .where("at", ">=", from)
        .where("at", "<", before)
        .executeTakeFirst(),
    ),
    countOf(
      db
        .selectFrom("competency_ratings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("person_id", "=", personId)
        .where("rated_at", ">=", from)
        .where("rated_at", "<", before)
        .executeTakeFirst(),
    ),
    countOf(
      db
        .selectFrom("training_records")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", personId)
        .where("status", "=", "completed")
        .where("completed_on", ">=", period.start)
        .where("completed_on", "<=", period.end)
        .executeTakeFirst(),
    ),
    countOf(
      db
        .selectFrom("supervision_meetings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("staff_id", "=", personId)
        .where("status", "=", "confirmed")
        .where("met_on", ">=", period.start)
        .where("met_on", "<=", period.end)
        .executeTakeFirst(),
    ),
    countOf(
      db
        .selectFrom("development_goal_updates as u")
        .innerJoin("development_goals as g", "g.id", "u.goal_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("g.person_id", "=", personId)
        .where("u.action", "=", "achieve")
        .where("u.at", ">=", from)
        .where("u.at", "<", before)
        .executeTakeFirst(),
    ),
    db
      .selectFrom("cpd_entries")
      .select((eb) => ["type", eb.fn.countAll<number>().as("entries"), eb.fn.sum<number>("hours").as("hours")])
      .where("user_id", "=", personId)
      .where("activity_date", ">=", period.start)
      .where("activity_date", "<=", period.end)
      .groupBy("type")
      .orderBy("type")
      .execute(),
  ]);
  return {
    evidenceAccepted,
    signOffs,
    ratings,
    trainingDone,
    meetings,
    goalsAchieved,
    cpdByType: cpd.map((c) => ({
      type: c.type as CpdType,
      entries: Number(c.entries),
      hours: Math.round(Number(c.hours) * 100) / 100,
    })),
  };
}
export type PeriodFacts = Awaited<ReturnType<typeof periodFacts>>;
