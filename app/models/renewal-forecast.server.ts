/**
 * The renewal forecast read from the rollups: each standing's required training keeps the expiry date of the record
 * that decides it (local periods applied), so the forecast is one grouped query on an index over those dates, at
 * any scope, or over the days stored for every PCN and each ICS; listing the people is one more query, for a single
 * PCN only.
 */
import type { ExpressionBuilder } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../db/schema";
import { getContent } from "~/content/index.server";
import { forecastOf, forecastWindow, type ForecastMonth } from "~/domain/renewal-forecast";
import type { Executor } from "./audit.server";
import type { StandingFilter } from "./rollups.server";
import { scopeKey, type TotalScope } from "./scope-figures.server";

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

/** Lapsing training of the staff a filter keeps, counted by month and requirement. */
function lapsingCounts(db: Executor, filter: StandingFilter, today: string) {
  return lapsing(db, filter, today)
    .select((eb) => [monthOf.as("month"), "r.requirement_id as requirementId", eb.fn.countAll<number>().as("n")])
    .groupBy([monthOf, "r.requirement_id"])
    .execute();
}

/**
 * The same counts for every member of staff, or those of one ICS, from the days stored for that scope
 * (scope_expiries): a year of days rather than the nation's 51,000 lapsing requirements.
 */
function storedCounts(db: Executor, scope: TotalScope, today: string) {
  const { after, before } = forecastWindow(today);
  const month = sql<string>`substr(e.expires_on, 1, 7)`;
  return db
    .selectFrom("scope_expiries as e")
    .select((eb) => [month.as("month"), "e.requirement_id as requirementId", eb.fn.sum<number>("e.people").as("n")])
    .where("e.scope", "=", scopeKey(scope))
    .where("e.expires_on", ">", after)
    .where("e.expires_on", "<", before)
    .groupBy([month, "e.requirement_id"])
    .execute();
}

/**
 * Whose required training lapses in each of the next 12 months, per requirement, for the staff a filter keeps or
 * of a whole scope (every PCN, one ICS: read from its stored days). Read the standings after refreshing the stale
 * ones. People are named only `withNames`, which needs a filter: a national list would be thousands of names
 * nobody can scan.
 */
export async function renewalForecast(
  db: Executor,
  staff: StandingFilter | TotalScope,
  today: string,
  { withNames }: { withNames: boolean },
): Promise<ForecastMonth[]> {
  const filter = typeof staff === "function" ? staff : null;
  const counts = await (filter ? lapsingCounts(db, filter, today) : storedCounts(db, staff as TotalScope, today));
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
