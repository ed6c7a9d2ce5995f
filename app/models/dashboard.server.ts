/**
 * The PCN lead's and the administrator's view: one row per member of staff (active people with a job role) with
 * readiness, training, supervision, competencies and CPD, and the figures and per-requirement compliance for the
 * rows a filter keeps. Everything is read from the rollups (rollups.server.ts) with SQL filters, sorting and
 * paging, so a national scope costs about what one PCN does.
 */
import type { ExpressionBuilder } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../db/schema";
import { inductionStatus, type InductionStatus } from "~/domain/induction";
import type { Readiness } from "~/domain/readiness";
import { daysOverdueOn, type SupervisionState, type SupervisionStatus } from "~/domain/supervision-cadence";
import { TRAINING_STATES, type ReadinessState } from "~/domain/vocabulary";
import type { TrainingState } from "~/domain/training-status";
import { getContent, jobRoleTitle } from "~/content/index.server";
import type { Executor } from "./audit.server";
import { emptyFigures, FiguresBeingUpdated, type Figures, type Freshness } from "~/domain/figures";
import { env } from "~/lib/env.server";
import { renewalForecast } from "./renewal-forecast.server";
import {
  ensureRollups,
  figuresWhere,
  frameworkCompetencyIds,
  refreshScopeForRequest,
  type StandingFilter,
} from "./rollups.server";
import { totalsOf } from "./scope-figures.server";

export interface DashboardRow extends Readiness {
  id: number;
  name: string;
  pcnName: string | null;
  jobRole: string;
  jobRoleTitle: string;
  training: Record<TrainingState, number>;
  /** Of the required training with a record, how many are verified by a supervisor or lead (not self-declared). */
  verification: { verified: number; recorded: number };
  supervision: SupervisionStatus;
  signedOff: number;
  competencies: number;
  cpdHours: number;
  /** Required training expired or expiring soon, soonest first, for the compliance report. */
  expiries: { title: string; state: "expired" | "expiring-soon"; on: string }[];
  /** Their induction checklist's items done, of how many, and where it stands; null when they have none. */
  induction: { done: number; total: number; status: InductionStatus } | null;
}

/** Whose rows: every PCN, one PCN, or the PCNs of one integrated care system (ICS). */
export type DashboardScope = { kind: "all" } | { kind: "pcn"; pcnId: number } | { kind: "ics"; icsName: string };

export const SORTS = [
  "name",
  "readiness",
  "verified",
  "expired",
  "expiring",
  "missing",
  "supervision",
  "competencies",
  "cpd",
] as const;
export type DashboardSort = (typeof SORTS)[number];

export interface DashboardQuery {
  search?: string;
  jobRole?: string;
  readiness?: ReadinessState;
  /** "unverified": some recorded required training is only self-declared; "verified": none is. */
  verified?: "unverified" | "verified";
  supervision?: SupervisionState;
  /** Only people with at least one requirement in this state. */
  training?: "expired" | "expiring-soon" | "missing";
  /** People whose induction checklist is not yet complete, is complete, or who have none. */
  induction?: "incomplete" | "complete" | "none";
  sort: DashboardSort;
  direction: "asc" | "desc";
}

const SORT_COLUMNS = {
  name: "person_standings.sort_name",
  readiness: "person_standings.readiness_rank",
  verified: "person_standings.unverified",
  expired: "person_standings.training_expired",
  expiring: "person_standings.training_expiring",
  missing: "person_standings.training_missing",
  supervision: "person_standings.supervision_sort",
  competencies: "person_standings.signed_off",
  cpd: "person_standings.cpd_hours",
} as const;

const TRAINING_FILTER_COLUMNS = {
  expired: "person_standings.training_expired",
  "expiring-soon": "person_standings.training_expiring",
  missing: "person_standings.training_missing",
} as const;

type Eb = ExpressionBuilder<Database, "person_standings">;

function inScope(eb: Eb, scope: DashboardScope) {
  if (scope.kind === "pcn") return eb("person_standings.pcn_id", "=", scope.pcnId);
  if (scope.kind === "ics") {
    return eb(
      "person_standings.pcn_id",
      "in",
      eb.selectFrom("pcns").select("pcns.id").where("pcns.ics_name", "=", scope.icsName),
    );
  }
  return eb.lit(true);
}

export const scopeFilter =
  (scope: DashboardScope): StandingFilter =>
  (eb) =>
    inScope(eb, scope);

/** A name search matches anywhere in the name, ignoring case; % and _ are searched for as themselves. */
function nameContains(search: string) {
  const pattern = `%${search.toLocaleLowerCase("en-GB").replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`person_standings.sort_name like ${pattern} escape '\\'`;
}

const hasFilters = (q: DashboardQuery) =>
  Boolean(q.search || q.jobRole || q.readiness || q.verified || q.supervision || q.training || q.induction);

/** The induction filter, on each checklist's stored counts (ADR 0020) through its unique person index. */
function inductionFilter(eb: Eb, wanted: NonNullable<DashboardQuery["induction"]>) {
  const checklists = eb
    .selectFrom("induction_checklists as ic")
    .select("ic.id")
    .whereRef("ic.person_id", "=", "person_standings.user_id");
  if (wanted === "none") return eb.not(eb.exists(checklists));
  return eb.exists(checklists.whereRef("ic.items_done", wanted === "complete" ? ">=" : "<", "ic.items_total"));
}

function queryFilter(scope: DashboardScope, q: DashboardQuery): StandingFilter {
  return (eb) =>
    eb.and([
      inScope(eb, scope),
      ...(q.search ? [nameContains(q.search)] : []),
      ...(q.jobRole ? [eb("person_standings.job_role", "=", q.jobRole)] : []),
      ...(q.readiness ? [eb("person_standings.readiness", "=", q.readiness)] : []),
      ...(q.verified ? [eb("person_standings.unverified", q.verified === "unverified" ? ">" : "=", 0)] : []),
      ...(q.supervision ? [eb("person_standings.supervision_state", "=", q.supervision)] : []),
      ...(q.training ? [eb(TRAINING_FILTER_COLUMNS[q.training], ">", 0)] : []),
      ...(q.induction ? [inductionFilter(eb, q.induction)] : []),
    ]);
}

function selectRows(db: Executor, filter: StandingFilter) {
  return db
    .selectFrom("person_standings")
    .leftJoin("pcns", "pcns.id", "person_standings.pcn_id")
    .leftJoin("induction_checklists as ic", "ic.person_id", "person_standings.user_id")
    .selectAll("person_standings")
    .select(["pcns.name as pcnName", "ic.items_done", "ic.items_total", "ic.due_on as induction_due_on"])
    .where(filter);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof selectRows>["execute"]>>[number];

/**
 * A row as the dashboard page shows it: without the job role's id and the expiry list, which only the CSV export and
 * the compliance report use (the page's data is encoded into it for the browser, and its expiries were most of it).
 */
type DashboardPageRow = Omit<DashboardRow, "jobRole" | "expiries">;

function toPageRow(r: StoredRow, today: string, competencies: number): DashboardPageRow {
  return {
    id: r.user_id,
    name: r.name,
    pcnName: r.pcnName,
    jobRoleTitle: jobRoleTitle(r.job_role) ?? r.job_role,
    state: r.readiness,
    blockers: JSON.parse(r.blockers_json) as string[],
    awaitingVerification: JSON.parse(r.awaiting_json) as string[],
    training: {
      valid: r.training_valid,
      "expiring-soon": r.training_expiring,
      "in-progress": r.training_in_progress,
      expired: r.training_expired,
      missing: r.training_missing,
    },
    verification: { verified: r.verified, recorded: r.recorded },
    supervision: {
      state: r.supervision_state,
      dueOn: r.supervision_due_on,
      // Stored rows keep the due date; the days past it change daily, so they are counted as the row is read.
      daysOverdue: daysOverdueOn(r.supervision_due_on, today),
    },
    signedOff: r.signed_off,
    competencies,
    cpdHours: r.cpd_hours,
    induction: inductionOf(r, today),
  };
}

function toDashboardRow(r: StoredRow, today: string, competencies: number): DashboardRow {
  return {
    ...toPageRow(r, today, competencies),
    jobRole: r.job_role,
    expiries: JSON.parse(r.expiries_json) as DashboardRow["expiries"],
  };
}

function inductionOf(r: StoredRow, today: string): DashboardRow["induction"] {
  if (r.items_total === null || r.items_done === null || r.induction_due_on === null) return null;
  const progress = { done: r.items_done, total: r.items_total, dueOn: r.induction_due_on };
  return { done: progress.done, total: progress.total, status: inductionStatus(progress, today) };
}

/**
 * The dashboard's sort: the chosen column, then name and id so every order is total (and keyset paging works).
 * Sorting by name names sort_name once: twice, SQLite no longer reads the order off its index but sorts everyone.
 */
function ordered<Q extends ReturnType<typeof selectRows>>(query: Q, q: DashboardQuery): Q {
  const byName = q.sort === "name";
  return query
    .$if(!byName, (sorted) => sorted.orderBy(SORT_COLUMNS[q.sort], q.direction))
    .orderBy("person_standings.sort_name", byName ? q.direction : "asc")
    .orderBy("person_standings.name")
    .orderBy("person_standings.user_id") as Q;
}

/**
 * The figures of a whole scope are stored (a PCN's, an ICS's, the nation's: one row each); a filtered view adds up
 * its rows in SQL, through the filters' indexes.
 */
async function figuresFor(db: Executor, scope: DashboardScope, q: DashboardQuery): Promise<Figures> {
  if (hasFilters(q)) return figuresWhere(db, queryFilter(scope, q));
  if (scope.kind !== "pcn") return totalsOf(db, scope);
  const stored = await db
    .selectFrom("pcn_standings")
    .select("figures_json")
    .where("pcn_key", "=", scope.pcnId)
    .executeTakeFirst();
  return stored ? (JSON.parse(stored.figures_json) as Figures) : emptyFigures();
}

/**
 * One page of the rows a query keeps (page 1 for a page past the last), how many it keeps in all, and their
 * figures.
 */
export async function dashboardPage(
  db: Executor,
  scope: DashboardScope,
  q: DashboardQuery,
  today: string,
  page: { page: number; pageSize: number },
) {
  const freshness = await refreshScopeForRequest(db, scopeFilter(scope), today);
  const filter = queryFilter(scope, q);
  // The figures count the rows the query keeps, so they give the total too.
  const figures = await figuresFor(db, scope, q);
  const shown = (page.page - 1) * page.pageSize < figures.staff ? page.page : 1;
  const rows = await ordered(selectRows(db, filter), q)
    .limit(page.pageSize)
    .offset((shown - 1) * page.pageSize)
    .execute();
  const competencies = frameworkCompetencyIds().size;
  return {
    rows: rows.map((r) => toPageRow(r, today, competencies)),
    page: shown,
    total: figures.staff,
    summary: summaryOf(figures),
    compliance: complianceByRequirement(figures),
    // A whole ICS or every PCN, unfiltered, has its forecast stored.
    forecast: await renewalForecast(db, scope.kind === "pcn" || hasFilters(q) ? filter : scope, today, {
      withNames: scope.kind === "pcn",
    }),
    freshness,
  };
}

/**
 * Stale rows refreshed as a page's are, before an export starts (so a failure is an ordinary error rather than a
 * broken download); past the bound, FiguresBeingUpdated rather than a file of stored figures.
 */
async function refreshForExport(db: Executor, scope: DashboardScope, today: string): Promise<void> {
  if (!(await refreshScopeForRequest(db, scopeFilter(scope), today)).upToDate) throw new FiguresBeingUpdated();
}

/**
 * Every row a query keeps, in the page's order, a batch at a time: each batch is one keyset query that carries on
 * after the last row of the one before, so a national export never holds more than one batch. For exports: see
 * refreshForExport.
 */
export async function dashboardRowBatches(
  db: Executor,
  scope: DashboardScope,
  q: DashboardQuery,
  today: string,
  batchSize = 500,
): Promise<AsyncGenerator<DashboardRow[]>> {
  await refreshForExport(db, scope, today);
  return rowBatches(db, queryFilter(scope, q), q, today, batchSize);
}

async function* rowBatches(
  db: Executor,
  filter: StandingFilter,
  q: DashboardQuery,
  today: string,
  batchSize: number,
): AsyncGenerator<DashboardRow[]> {
  const competencies = frameworkCompetencyIds().size;
  const key = SORT_COLUMNS[q.sort];
  let last: StoredRow | undefined;
  do {
    const after = last;
    const batch = await ordered(
      selectRows(db, filter).where((eb) => {
        if (!after) return eb.lit(true);
        const lastKey = after[key.slice("person_standings.".length) as keyof StoredRow] as string | number;
        return eb.or([
          eb(key, q.direction === "asc" ? ">" : "<", lastKey),
          eb.and([
            eb(key, "=", lastKey),
            eb(
              eb.refTuple("person_standings.sort_name", "person_standings.name", "person_standings.user_id"),
              ">",
              eb.tuple(after.sort_name, after.name, after.user_id),
            ),
          ]),
        ]);
      }),
      q,
    )
      .limit(batchSize)
      .execute();
    if (batch.length) yield batch.map((r) => toDashboardRow(r, today, competencies));
    last = batch.length === batchSize ? batch[batch.length - 1] : undefined;
  } while (last);
}

/** Every member of staff in a PCN (or in all PCNs when pcnId is null), by name, with their standing today. */
export async function dashboardRows(db: Executor, pcnId: number | null, today: string): Promise<DashboardRow[]> {
  const scope: DashboardScope = pcnId === null ? { kind: "all" } : { kind: "pcn", pcnId };
  const rows: DashboardRow[] = [];
  const batches = await dashboardRowBatches(db, scope, { sort: "name", direction: "asc" }, today);
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

/** The figures of a scope with no filter, as the compliance report gives them (see refreshForExport). */
export async function scopeFigures(db: Executor, scope: DashboardScope, today: string): Promise<Figures> {
  await refreshForExport(db, scope, today);
  return figuresFor(db, scope, { sort: "name", direction: "asc" });
}

export function summaryOf(f: Figures) {
  return {
    staff: f.staff,
    ready: f.ready,
    pendingVerification: f.pendingVerification,
    supervisionOverdue: f.supervisionOverdue,
    supervisionDueSoon: f.supervisionDueSoon,
    noSupervisor: f.noSupervisor,
    trainingExpired: f.trainingExpired,
    trainingExpiring: f.trainingExpiring,
    trainingMissing: f.trainingMissing,
    cpdHours: Math.round(f.cpdHours * 100) / 100,
  };
}

/** For each requirement any of these people's roles require: how many of them are in each state, in content order. */
export function complianceByRequirement(f: Figures) {
  const known = getContent().trainingRequirements.requirements;
  // Content order first; an id the content no longer has (stored before a content change) last, under its id.
  const ids = [
    ...known.filter((r) => r.id in f.requirements).map((r) => r.id),
    ...Object.keys(f.requirements).filter((id) => !known.some((r) => r.id === id)),
  ];
  return ids.map((id) => {
    const partial = f.requirements[id]!;
    const counts = {} as Record<TrainingState, number>;
    let required = 0;
    for (const state of TRAINING_STATES) {
      counts[state] = partial[state] ?? 0;
      required += counts[state];
    }
    return { id, title: known.find((r) => r.id === id)?.title ?? id, counts, required };
  });
}

/** One member of staff's readiness for the readiness API, as stored: its two lists still JSON text. */
export interface StoredReadiness {
  personId: number;
  name: string;
  jobRole: string;
  pcnId: number | null;
  state: ReadinessState;
  /** JSON.stringify of the blockers and of the requirements awaiting verification (Readiness). */
  blockersJson: string;
  awaitingJson: string;
}

/**
 * One page of the readiness of the staff a filter keeps, in order of person id (a keyset: the page starts after
 * the id the last one ended with, so people added meanwhile never shift a page), and whether more follow. The
 * page's own stale rows are worked out again first, however many the whole scope has (at most a page's worth:
 * an answer someone assigns referrals on must be today's); `freshness` says when the stored rows could not be
 * (after a change of content in a large deployment, while they are rebuilt in the background).
 */
export async function readinessPage(
  db: Executor,
  filter: StandingFilter,
  today: string,
  page: { after: number; size: number },
): Promise<{ rows: StoredReadiness[]; more: boolean; freshness: Freshness }> {
  const onPage = () =>
    db
      .selectFrom("person_standings")
      .where(filter)
      .where("person_standings.user_id", ">", page.after)
      .orderBy("person_standings.user_id")
      // One more than the page holds says whether there is a next page, without asking for an empty one.
      .limit(page.size + 1);
  const last = (await onPage().select("user_id").execute()).at(-1)?.user_id ?? page.after;
  const freshness = await refreshScopeForRequest(
    db,
    (eb) =>
      eb.and([filter(eb), eb("person_standings.user_id", ">", page.after), eb("person_standings.user_id", "<=", last)]),
    today,
    Math.max(env().ROLLUP_REFRESH_IN_REQUEST, page.size + 1),
  );
  const rows = await onPage()
    .select(["user_id", "name", "job_role", "pcn_id", "readiness", "blockers_json", "awaiting_json"])
    .execute();
  return {
    rows: rows.slice(0, page.size).map((r) => ({
      personId: r.user_id,
      name: r.name,
      jobRole: r.job_role,
      pcnId: r.pcn_id,
      state: r.readiness,
      blockersJson: r.blockers_json,
      awaitingJson: r.awaiting_json,
    })),
    more: rows.length > page.size,
    freshness,
  };
}

/** Active staff (the people the rollups hold) a filter keeps, by name then id. */
export async function standingStaff(db: Executor, filter: StandingFilter) {
  await ensureRollups(db);
  return db
    .selectFrom("person_standings")
    .select(["user_id as id", "name", "job_role as jobRole", "pcn_id as pcnId"])
    .where(filter)
    .orderBy("person_standings.name")
    .orderBy("person_standings.user_id")
    .execute();
}
