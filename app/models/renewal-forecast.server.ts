/**
 * The renewal forecast read from the rollups: each standing's required training keeps the expiry date of the record
 * that decides it (local periods applied), so the forecast is one grouped query on an index over those dates, at
 * any scope; listing the people is one more query, for a single PCN only.
 */
import type { ExpressionBuilder } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../db/schema";
import { getContent } from "~/content/index.server";
import { forecastOf, forecastWindow, type ForecastMonth } from "~/domain/renewal-forecast";
import type { Executor } from "./audit.server";
import type { StandingFilter } from "./rollups.server";

const monthOf = sql<string>`substr(r.expires_on, 1, 7)`;

/** Required training of any standing that lapses within the forecast's window, found through its expiry index. */
function inWindow(db: Executor, today: string) {
  const { after, before } = forecastWindow(today);
  return db
    .selectFrom("person_requirement_states as r")
    .where("r.expires_on", ">", after)
    .where("r.expires_on", "<", before);
}

function lapsing(db: Executor, filter: StandingFilter, today: string) {
  return inWindow(db, today)
    .innerJoin("person_standings", "person_standings.user_id", "r.user_id")
    .where((eb) => filter(eb as unknown as ExpressionBuilder<Database, "person_standings">));
}

/**
 * Lapsing training counted by month and requirement. With no filter (every member of staff) the window's index
 * answers alone: each row of the table belongs to a standing, and joining the nation's standings to check that
 * cost most of the admin dashboard's time.
 */
function lapsingCounts(db: Executor, filter: StandingFilter | null, today: string) {
  const everyone = inWindow(db, today);
  // The join only narrows the rows; the select and grouping below name the states table alone.
  const kept = filter ? (lapsing(db, filter, today) as unknown as typeof everyone) : everyone;
  return kept
    .select((eb) => [monthOf.as("month"), "r.requirement_id as requirementId", eb.fn.countAll<number>().as("n")])
    .groupBy([monthOf, "r.requirement_id"])
    .execute();
}

/**
 * Whose required training lapses in each of the next 12 months, per requirement, for the staff the filter keeps
 * (null: every member of staff; read the standings after refreshing the stale ones). People are named only
 * `withNames`, which needs a filter: a national list would be thousands of names nobody can scan.
 */
export async function renewalForecast(
  db: Executor,
  filter: StandingFilter | null,
  today: string,
  { withNames }: { withNames: boolean },
): Promise<ForecastMonth[]> {
  const counts = await lapsingCounts(db, filter, today);
  const people =
    withNames && filter
      ? await lapsing(db, filter, today)
          .select([
            "r.requirement_id as requirementId",
            "r.expires_on as expiresOn",
            "person_standings.user_id as id",
            "person_standings.name",
          ])
          .orderBy("r.expires_on")
          .orderBy("person_standings.sort_name")
          .orderBy("person_standings.user_id")
          .execute()
      : null;
  return forecastOf(
    today,
    getContent().trainingRequirements.requirements,
    counts.map((c) => ({ month: c.month, requirementId: c.requirementId, count: Number(c.n) })),
    people?.map((p) => ({ ...p, expiresOn: p.expiresOn! })) ?? null,
  );
}
