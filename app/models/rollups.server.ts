/**
 * Rollups: where each active member of staff stands (readiness, training, supervision, sign-offs, CPD hours this
 * appraisal year) and each PCN's figures, stored so that PCN-wide and national pages read them rather than work
 * the nation out per request (issue 12).
 *
 * - Every model function that changes a standing's inputs calls refreshStanding(s) in its own transaction.
 * - A standing also changes with time alone (training expires, supervision falls due, the appraisal year turns):
 *   each row stores the first day that happens (`stale_on`). A page refreshes the stale rows of its scope first when
 *   there are few (ROLLUP_REFRESH_IN_REQUEST); more, and it shows the stored figures, says how current they are and
 *   leaves the work to a background run, a batch per transaction, which the hourly job also makes.
 * - rebuildRollups recomputes everything in one transaction (`npm run rollups:rebuild`). On first use, and when the
 *   content or the settings the rules read have changed since the last build, the same happens within the request
 *   for a small deployment and in the background run for a large one.
 *
 * The standing is worked out by the same rules the person's own pages use (app/content/compliance-rules.server.ts).
 */
import type { Expression, ExpressionBuilder, Insertable, SqlBool } from "kysely";
import { sql } from "kysely";
import type { Database, PersonStandingTable } from "../../db/schema";
import {
  appraisalYearOfDate,
  expiriesOf,
  readinessOf,
  requirementStandings,
  requirementsById,
  supervisionStatusOf,
  type SupervisionFacts,
  type TrainingFact,
} from "~/content/compliance-rules.server";
import { getContent } from "~/content/index.server";
import { emptyFigures, type Figures, type Freshness } from "~/domain/figures";
import { renewalMonthsOf } from "~/domain/readiness";
import { supervisionStateChangesOn } from "~/domain/supervision-cadence";
import { addCalendarDays, todayInLondon, trainingStateChangesOn, type TrainingState } from "~/domain/training-status";
import type { ReadinessState } from "~/domain/vocabulary";
import { env } from "~/lib/env.server";
import type { Executor } from "./audit.server";
import {
  applyExpiryChanges,
  applyPcnChanges,
  expiryFactsOf,
  lockRollups,
  rebuildExpiries,
  rebuildTotals,
} from "./scope-figures.server";
import { cpdHoursBetween, signedOffCounts, supervisionFactsOf, trainingFactsByPerson } from "./standing-facts.server";

const READINESS_ORDER: Record<ReadinessState, number> = { "not-ready": 0, "pending-verification": 1, ready: 2 };

type StandingRow = Insertable<PersonStandingTable>;
interface Computed {
  row: StandingRow;
  requirementStates: Record<string, TrainingState>;
  /** When each required training's deciding record expires (null: never, or nothing completed), for the forecast. */
  requirementExpiries: Record<string, string | null>;
}

export function frameworkCompetencyIds(): Set<string> {
  return new Set(getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id)));
}

/** The earliest of these dates, or null when there are none. */
function earliest(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>((first, d) => (d !== null && (first === null || d < first) ? d : first), null);
}

/** The first day after `today` on which any of these records changes state. */
function trainingChangesOn(records: readonly TrainingFact[], today: string): string | null {
  const requirements = requirementsById();
  return earliest(
    records.map((record) => {
      const requirement = requirements.get(record.requirementId);
      return requirement
        ? trainingStateChangesOn(
            { ...record, renewalMonths: renewalMonthsOf(record, requirement) },
            today,
            env().EXPIRY_WARNING_DAYS,
          )
        : null;
    }),
  );
}

function standingOf(
  person: { id: number; name: string; jobRole: string; pcnId: number | null },
  facts: { records: TrainingFact[]; supervision: SupervisionFacts; cpdHours: number; signedOff: number },
  today: string,
): Computed {
  const training: Record<TrainingState, number> = {
    valid: 0,
    "expiring-soon": 0,
    "in-progress": 0,
    expired: 0,
    missing: 0,
  };
  const requirementStates: Record<string, TrainingState> = {};
  const requirementExpiries: Record<string, string | null> = {};
  const verification = { verified: 0, recorded: 0 };
  for (const standing of requirementStandings(person.jobRole, facts.records, today)) {
    if (!standing.required) continue;
    training[standing.state] += 1;
    requirementStates[standing.requirement.id] = standing.state;
    requirementExpiries[standing.requirement.id] = standing.expiresOn;
    if (standing.record) verification.recorded += 1;
    if (standing.record?.verifiedAt) verification.verified += 1;
  }
  const readiness = readinessOf(person.jobRole, facts.records, today);
  const supervision = supervisionStatusOf(facts.supervision, today);
  const expiries = expiriesOf(person.jobRole, facts.records, today).map(({ title, state, on }) => ({
    title,
    state,
    on,
  }));
  return {
    requirementStates,
    requirementExpiries,
    row: {
      user_id: person.id,
      pcn_id: person.pcnId,
      job_role: person.jobRole,
      name: person.name,
      sort_name: person.name.toLocaleLowerCase("en-GB"),
      readiness: readiness.state,
      readiness_rank: READINESS_ORDER[readiness.state],
      blockers_json: JSON.stringify(readiness.blockers),
      awaiting_json: JSON.stringify(readiness.awaitingVerification),
      training_valid: training.valid,
      training_expiring: training["expiring-soon"],
      training_in_progress: training["in-progress"],
      training_expired: training.expired,
      training_missing: training.missing,
      verified: verification.verified,
      recorded: verification.recorded,
      unverified: verification.recorded - verification.verified,
      supervision_state: supervision.state,
      supervision_due_on: supervision.dueOn,
      // Nobody to meet is worse than any due date, so it sorts first.
      supervision_sort: supervision.state === "no-supervisor" ? "" : supervision.dueOn,
      signed_off: facts.signedOff,
      cpd_hours: facts.cpdHours,
      expiries_json: JSON.stringify(expiries),
      computed_on: today,
      stale_on: earliest([
        trainingChangesOn(facts.records, today),
        supervisionStateChangesOn(supervision, today),
        addCalendarDays(appraisalYearOfDate(today).end, 1),
      ]),
    },
  };
}

/** The standings of those of these people who are active staff (active, with a job role), worked out from their records. */
export async function computeStandings(db: Executor, userIds: readonly number[], today: string): Promise<Computed[]> {
  if (userIds.length === 0) return [];
  const staff = await db
    .selectFrom("users")
    .select(["id", "name", "job_role", "pcn_id"])
    .where("id", "in", [...userIds])
    .where("active", "=", 1)
    .where("job_role", "is not", null)
    .orderBy("id")
    .execute();
  const ids = staff.map((s) => s.id);
  const year = appraisalYearOfDate(today);
  // One query each, in turn: a transaction holds one connection.
  const records = await trainingFactsByPerson(db, ids);
  const supervision = await supervisionFactsOf(db, ids);
  const cpd = await cpdHoursBetween(db, ids, { from: year.start, to: year.end });
  const signedOff = await signedOffCounts(db, ids, frameworkCompetencyIds());
  return staff.map((s) =>
    standingOf(
      { id: s.id, name: s.name, jobRole: s.job_role!, pcnId: s.pcn_id },
      {
        records: records.get(s.id)!,
        supervision: supervision.get(s.id)!,
        cpdHours: cpd.get(s.id) ?? 0,
        signedOff: signedOff.get(s.id) ?? 0,
      },
      today,
    ),
  );
}

// ---- PCN figures ----

export { emptyFigures, mergeFigures, type Figures } from "~/domain/figures";

export type StandingFilter = (eb: ExpressionBuilder<Database, "person_standings">) => Expression<SqlBool>;

const pcnKey = sql<number>`coalesce(person_standings.pcn_id, 0)`;

/** Figures for the staff the filter keeps, one set per PCN (key 0 for staff in no PCN). */
export function figuresByPcn(db: Executor, filter: StandingFilter): Promise<Map<number, Figures>> {
  return figuresGrouped(db, filter, true);
}

/** Figures for all the staff the filter keeps, together. */
export async function figuresWhere(db: Executor, filter: StandingFilter): Promise<Figures> {
  return (await figuresGrouped(db, filter, false)).get(0) ?? emptyFigures();
}

async function figuresGrouped(db: Executor, filter: StandingFilter, byPcn: boolean): Promise<Map<number, Figures>> {
  const countWhere = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  const key = byPcn ? pcnKey : sql<number>`0`;
  const sums = await db
    .selectFrom("person_standings")
    .select((eb) => [
      key.as("pcnKey"),
      eb.fn.countAll<number>().as("staff"),
      countWhere(eb("person_standings.readiness", "=", "ready")).as("ready"),
      countWhere(eb("person_standings.readiness", "=", "pending-verification")).as("pendingVerification"),
      countWhere(eb("person_standings.supervision_state", "=", "overdue")).as("supervisionOverdue"),
      countWhere(eb("person_standings.supervision_state", "=", "due-soon")).as("supervisionDueSoon"),
      countWhere(eb("person_standings.supervision_state", "=", "no-supervisor")).as("noSupervisor"),
      eb.fn.sum<number>("person_standings.training_expired").as("trainingExpired"),
      eb.fn.sum<number>("person_standings.training_expiring").as("trainingExpiring"),
      eb.fn.sum<number>("person_standings.training_missing").as("trainingMissing"),
      eb.fn.sum<number>("person_standings.cpd_hours").as("cpdHours"),
    ])
    .where(filter)
    .$if(byPcn, (q) => q.groupBy(pcnKey))
    .execute();
  const figures = new Map<number, Figures>();
  for (const { pcnKey: at, ...sum } of sums) {
    // Without grouping, an empty selection still gives one row, of nulls.
    if (Number(sum.staff) === 0) continue;
    const f = emptyFigures();
    for (const name of Object.keys(sum) as (keyof typeof sum)[]) f[name] = Number(sum[name]);
    figures.set(Number(at), f);
  }
  const states = await db
    .selectFrom("person_requirement_states as r")
    .innerJoin("person_standings", "person_standings.user_id", "r.user_id")
    .select((eb) => [
      key.as("pcnKey"),
      "r.requirement_id as requirementId",
      "r.state",
      eb.fn.countAll<number>().as("n"),
    ])
    .where((eb) => filter(eb as unknown as ExpressionBuilder<Database, "person_standings">))
    .groupBy([...(byPcn ? [pcnKey] : []), "r.requirement_id", "r.state"])
    .execute();
  for (const s of states) {
    const counts = (figures.get(Number(s.pcnKey))!.requirements[s.requirementId] ??= {});
    counts[s.state] = Number(s.n);
  }
  return figures;
}

function pcnKeysWhere(keys: readonly number[]): StandingFilter {
  const ids = keys.filter((k) => k !== 0);
  return (eb) =>
    eb.or([
      ...(ids.length ? [eb("person_standings.pcn_id", "in", ids)] : []),
      ...(keys.includes(0) ? [eb("person_standings.pcn_id", "is", null)] : []),
    ]);
}

/**
 * Works out and stores the figures of these PCNs (keys as in figuresByPcn), or of all of them, and the national and
 * ICS totals they count in.
 */
async function storePcnFigures(trx: Executor, keys: readonly number[] | "all"): Promise<number> {
  const unique = keys === "all" ? null : [...new Set(keys)];
  if (unique?.length === 0) return 0;
  const figures = await figuresByPcn(trx, unique ? pcnKeysWhere(unique) : (eb) => eb.lit(true));
  const before = unique
    ? await trx.selectFrom("pcn_standings").selectAll().where("pcn_key", "in", unique).execute()
    : [];
  await (
    unique ? trx.deleteFrom("pcn_standings").where("pcn_key", "in", unique) : trx.deleteFrom("pcn_standings")
  ).execute();
  const rows = [...figures].map(([key, f]) => ({ pcn_key: key, figures_json: JSON.stringify(f) }));
  for (const chunk of chunks(rows, 500)) await trx.insertInto("pcn_standings").values(chunk).execute();
  if (!unique) await rebuildTotals(trx);
  else {
    const old = new Map(before.map((r) => [r.pcn_key, JSON.parse(r.figures_json) as Figures]));
    await applyPcnChanges(
      trx,
      unique.map((key) => ({ pcnKey: key, before: old.get(key) ?? null, after: figures.get(key) ?? null })),
    );
  }
  return figures.size;
}

// ---- Keeping them up to date ----

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertStandings(trx: Executor, computed: readonly Computed[]): Promise<void> {
  for (const chunk of chunks(computed, 300)) {
    if (chunk.length)
      await trx
        .insertInto("person_standings")
        .values(chunk.map((c) => c.row))
        .execute();
  }
  const states = computed.flatMap((c) =>
    Object.entries(c.requirementStates).map(([requirementId, state]) => ({
      user_id: c.row.user_id,
      requirement_id: requirementId,
      state,
      expires_on: c.requirementExpiries[requirementId] ?? null,
    })),
  );
  for (const chunk of chunks(states, 2000)) await trx.insertInto("person_requirement_states").values(chunk).execute();
}

/**
 * Works these people's standings out again and stores them, with their PCNs' figures (the PCNs they were in and
 * are in now). Call it inside the transaction that changes their records; `today` is for tests and the readers.
 */
export async function refreshStandings(
  trx: Executor,
  userIds: readonly number[],
  today: string = todayInLondon(new Date()),
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  // Before the first read: what it reads must include what the last transaction to hold the lock committed.
  await lockRollups(trx);
  for (const chunk of chunks(ids, 500)) {
    const before = await trx.selectFrom("person_standings").select("pcn_id").where("user_id", "in", chunk).execute();
    const expiriesBefore = await expiryFactsOf(trx, chunk);
    const computed = await computeStandings(trx, chunk, today);
    await trx.deleteFrom("person_requirement_states").where("user_id", "in", chunk).execute();
    await trx.deleteFrom("person_standings").where("user_id", "in", chunk).execute();
    await insertStandings(trx, computed);
    await storePcnFigures(trx, [...before.map((b) => b.pcn_id ?? 0), ...computed.map((c) => c.row.pcn_id ?? 0)]);
    await applyExpiryChanges(trx, expiriesBefore, await expiryFactsOf(trx, chunk));
  }
}

export function refreshStanding(trx: Executor, userId: number): Promise<void> {
  return refreshStandings(trx, [userId]);
}

/**
 * The rows of this scope whose standing has changed with time since they were worked out, and any worked out for a
 * later day than the one asked about (a report dated in the past, or another server's clock).
 */
function staleIn(db: Executor, scope: StandingFilter, today: string) {
  return db
    .selectFrom("person_standings")
    .where(scope)
    .where((eb) =>
      eb.or([eb("person_standings.stale_on", "<=", today), eb("person_standings.computed_on", ">", today)]),
    );
}

/** One row more than the limit at most: enough to tell whether there are more than it (no limit for Infinity). */
const atMost = <Q extends { limit(n: number): Q }>(query: Q, limit: number): Q =>
  Number.isFinite(limit) ? query.limit(limit + 1) : query;

/** How many standings a background or scheduled refresh works out in each transaction. */
const BATCH = 50;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Works these standings out again a batch per transaction, letting other requests run between batches. `due` says,
 * under the rollups lock, which of a batch still need it: every process of a deployment (and the hourly job) may
 * start the same catch-up, and a batch another has done since this one made its list is skipped, not done twice.
 */
async function refreshInBatches(
  db: Executor,
  userIds: readonly number[],
  today: string,
  due: (trx: Executor, chunk: number[]) => Promise<number[]>,
): Promise<void> {
  for (const chunk of chunks(userIds, BATCH)) {
    await db.transaction().execute(async (trx) => {
      await lockRollups(trx);
      const still = await due(trx, chunk);
      if (still.length) await refreshStandings(trx, still, today);
    });
    await yieldToEventLoop();
  }
}

/** Of these people, those whose stored standing is still stale today. */
const stillStale = (today: string) => async (trx: Executor, chunk: number[]) =>
  (
    await staleIn(trx, (eb) => eb("person_standings.user_id", "in", chunk), today)
      .select("user_id")
      .execute()
  ).map((r) => r.user_id);

/** Refreshes every stale row of this scope (see staleIn), a batch at a time, and says how many there were. */
export async function refreshStaleStandings(db: Executor, scope: StandingFilter, today: string): Promise<number> {
  // A PCN's people together: each batch then has few PCNs' figures to add up again.
  const stale = await staleIn(db, scope, today)
    .select("user_id")
    .orderBy("person_standings.pcn_id")
    .orderBy("person_standings.user_id")
    .execute();
  await refreshInBatches(
    db,
    stale.map((s) => s.user_id),
    today,
    stillStale(today),
  );
  return stale.length;
}

/**
 * For a page: refreshes the stale rows of its scope within the request when there are at most `limit` of them (a
 * PCN's worth). Past that (the day the appraisal year turns, when every standing is stale, or after the content
 * changed), the request works nothing out: it starts bringing every standing up to date in the background and says
 * how current the stored figures it will show are.
 */
export async function refreshScopeForRequest(
  db: Executor,
  scope: StandingFilter,
  today: string,
  limit: number = env().ROLLUP_REFRESH_IN_REQUEST,
): Promise<Freshness> {
  // A whole rebuild (new content) is bounded by the setting alone, whatever a caller allows for its own stale rows.
  if (!(await ensureRollups(db, today))) {
    const oldest = await db
      .selectFrom("person_standings")
      .select((eb) => eb.fn.min<string>("person_standings.computed_on").as("on"))
      .where(scope)
      .executeTakeFirst();
    return { upToDate: false, reason: "rules", asOf: oldest?.on ?? today };
  }
  const stale = await atMost(staleIn(db, scope, today).select("user_id"), limit).execute();
  if (stale.length <= limit) {
    if (stale.length)
      await db.transaction().execute((trx) =>
        refreshStandings(
          trx,
          stale.map((s) => s.user_id),
          today,
        ),
      );
    return { upToDate: true };
  }
  catchUpInBackground(db, today);
  // Every stored row was right up to the day before the first of them went stale.
  const first = await staleIn(db, scope, today)
    .select((eb) => eb.fn.min<string>("person_standings.stale_on").as("on"))
    .executeTakeFirst();
  return { upToDate: false, reason: "time", asOf: first?.on ? addCalendarDays(first.on, -1) : today };
}

let catchingUp: Promise<number> | null = null;

/**
 * Brings every stored standing up to date, a batch per transaction: worked out again if the content or settings
 * changed, then those that time has made stale. The scheduled job runs it, and a page with too much to refresh
 * starts it; one run at a time in a process, so a second caller while it runs joins the run under way.
 */
export function bringRollupsUpToDate(db: Executor, today: string = todayInLondon(new Date())): Promise<number> {
  catchingUp ??= (async () => {
    // Begun once the request that asked for it has answered, rather than holding its connection a batch long.
    await yieldToEventLoop();
    const state = await rulesState(db);
    if (state === "rules") await rebuildInBatches(db, today);
    else if (state === "expiries") await buildExpiries(db);
    ensuredKey = rulesKey();
    return refreshStaleStandings(db, (eb) => eb.lit(true), today);
  })().finally(() => {
    catchingUp = null;
  });
  return catchingUp;
}

/** The run of bringRollupsUpToDate under way in this process, if any. */
export const rollupsCatchingUp = (): Promise<number> | null => catchingUp;

function catchUpInBackground(db: Executor, today: string): void {
  bringRollupsUpToDate(db, today).catch((error: unknown) =>
    console.error(`Rollup refresh failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/** What the stored rollups were worked out under: if any of it changes, they are rebuilt. */
function rulesKey(): string {
  const content = getContent();
  return JSON.stringify({
    // 2: national and ICS totals (scope_standings) are stored too.
    // 3: required training's expiry dates are stored too (the renewal forecast).
    format: 3,
    framework: content.framework.version,
    training: content.trainingRequirements.version,
    roles: content.roles.version,
    supervision: content.supervisionPolicy.version,
    expiryWarningDays: env().EXPIRY_WARNING_DAYS,
    appraisalYearStartMonth: env().APPRAISAL_YEAR_START_MONTH,
  });
}

let ensuredKey: string | null = null;

/**
 * The stored forecasts (scope_expiries) came after the other rollups: a database that has the rest gets them
 * counted from its standings on first use, without working every standing out again.
 */
const EXPIRIES_BUILT = "expiries";

async function markBuilt(trx: Executor, name: string, value: string): Promise<void> {
  await trx.deleteFrom("rollup_meta").where("name", "=", name).execute();
  await trx.insertInto("rollup_meta").values({ name, value }).execute();
}

function buildExpiries(db: Executor): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await rebuildExpiries(trx);
    await markBuilt(trx, EXPIRIES_BUILT, "1");
  });
}

async function rulesState(db: Executor): Promise<"current" | "rules" | "expiries"> {
  const stored = await db.selectFrom("rollup_meta").select(["name", "value"]).execute();
  const built = new Map(stored.map((row) => [row.name, row.value]));
  if (built.get("rules") !== rulesKey()) return "rules";
  return built.has(EXPIRIES_BUILT) ? "current" : "expiries";
}

/**
 * Whether the rollups are built under the current content and settings. If they were never built, or built under
 * others, they are rebuilt now when there are at most `limit` members of staff; past that, in the background
 * (bringRollupsUpToDate), and this answers false meanwhile.
 */
export async function ensureRollups(
  db: Executor,
  today: string = todayInLondon(new Date()),
  limit: number = env().ROLLUP_REFRESH_IN_REQUEST,
): Promise<boolean> {
  const key = rulesKey();
  if (ensuredKey === key) return true;
  const state = await rulesState(db);
  if (state === "rules") {
    const staff = await atMost(activeStaff(db).select("id"), limit).execute();
    if (staff.length > limit) {
      catchUpInBackground(db, today);
      return false;
    }
    await rebuildRollups(db, today);
  } else if (state === "expiries") await buildExpiries(db);
  ensuredKey = key;
  return true;
}

const activeStaff = (db: Executor) =>
  db.selectFrom("users").where("active", "=", 1).where("job_role", "is not", null).orderBy("id");

/**
 * rebuildRollups a batch per transaction, for a running server: every standing stored and every member of staff
 * is worked out again, then the PCNs' figures and the totals are added up afresh from them.
 */
async function rebuildInBatches(db: Executor, today: string): Promise<void> {
  const staff = await activeStaff(db).select("id").execute();
  const stored = await db.selectFrom("person_standings").select("user_id").execute();
  // Once another process has finished the same rebuild (the rules are marked built), what is left is done.
  const everyone = [...new Set([...staff.map((s) => s.id), ...stored.map((s) => s.user_id)])];
  await refreshInBatches(db, everyone, today, async (trx, chunk) => ((await rulesState(trx)) === "rules" ? chunk : []));
  await db.transaction().execute(async (trx) => {
    // Before the PCNs' figures are read from the standings, as refreshStandings locks before its first read.
    await lockRollups(trx);
    await storePcnFigures(trx, "all");
    await rebuildExpiries(trx);
    await markBuilt(trx, "rules", rulesKey());
    await markBuilt(trx, EXPIRIES_BUILT, "1");
  });
}

/** Recomputes every standing and every PCN's figures from the records, in one transaction. */
export async function rebuildRollups(
  db: Executor,
  today: string = todayInLondon(new Date()),
): Promise<{ people: number; pcns: number }> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    await trx.deleteFrom("person_requirement_states").execute();
    await trx.deleteFrom("person_standings").execute();
    const staff = await activeStaff(trx).select("id").execute();
    for (const chunk of chunks(
      staff.map((s) => s.id),
      500,
    )) {
      await insertStandings(trx, await computeStandings(trx, chunk, today));
    }
    const pcns = await storePcnFigures(trx, "all");
    await markBuilt(trx, "rules", rulesKey());
    await markBuilt(trx, EXPIRIES_BUILT, "1");
    return { people: staff.length, pcns };
  });
}
