/**
 * The PCN lead's view: one row per member of staff (active people with a job role) with readiness, training,
 * supervision, competencies and CPD, and the figures and per-requirement compliance built from those rows.
 * Rows are computed for the whole scope, then filtered, sorted and paged here on the server: a PCN has tens of
 * staff, and readiness cannot be worked out in SQL.
 */
import type { Readiness } from "~/domain/readiness";
import type { ReadinessState } from "~/domain/vocabulary";
import type { SupervisionState, SupervisionStatus } from "~/domain/supervision-cadence";
import type { TrainingState } from "~/domain/training-status";
import { getContent, jobRoleTitle } from "~/content/index.server";
import {
  appraisalYearOfDate,
  readinessOf,
  requirementStandings,
  supervisionStatusOf,
} from "~/content/compliance-rules.server";
import type { Executor } from "./audit.server";
import { cpdHoursBetween } from "./cpd.server";
import { supervisionFactsOf } from "./supervision.server";
import { trainingRecordsOf } from "./training.server";

export interface DashboardRow extends Readiness {
  id: number;
  name: string;
  pcnName: string | null;
  jobRole: string;
  jobRoleTitle: string;
  training: Record<TrainingState, number>;
  /** State of each training requirement the role requires, for the per-requirement chart. */
  requirementStates: Record<string, TrainingState>;
  /** Of the required training with a record, how many are verified by a supervisor or lead (not self-declared). */
  verification: { verified: number; recorded: number };
  supervision: SupervisionStatus;
  signedOff: number;
  competencies: number;
  cpdHours: number;
}

/** Competencies of the current framework whose latest decision is a sign-off, per person. */
async function signedOffCounts(
  db: Executor,
  userIds: readonly number[],
  competencyIds: ReadonlySet<string>,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (userIds.length === 0) return counts;
  const rows = await db
    .selectFrom("competency_signoffs")
    .select(["user_id", "competency_id", "action"])
    .where("user_id", "in", [...userIds])
    .orderBy("id")
    .execute();
  const latest = new Map<string, { userId: number; signedOff: boolean }>();
  for (const r of rows) {
    if (competencyIds.has(r.competency_id))
      latest.set(`${r.user_id}:${r.competency_id}`, { userId: r.user_id, signedOff: r.action === "sign-off" });
  }
  for (const { userId, signedOff } of latest.values()) if (signedOff) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  return counts;
}

const emptyCounts = (): Record<TrainingState, number> => ({
  valid: 0,
  "expiring-soon": 0,
  "in-progress": 0,
  expired: 0,
  missing: 0,
});

/** Every member of staff in a PCN (or in all PCNs when pcnId is null), with their standing today. */
export async function dashboardRows(db: Executor, pcnId: number | null, today: string): Promise<DashboardRow[]> {
  let q = db
    .selectFrom("users as u")
    .leftJoin("pcns as p", "p.id", "u.pcn_id")
    .select(["u.id", "u.name", "u.job_role", "p.name as pcnName"])
    .where("u.active", "=", 1)
    .where("u.job_role", "is not", null);
  if (pcnId !== null) q = q.where("u.pcn_id", "=", pcnId);
  const staff = await q.orderBy("u.name").execute();
  const ids = staff.map((s) => s.id);
  const competencyIds = new Set(getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id)));
  const year = appraisalYearOfDate(today);
  const [records, supervision, cpd, signedOff] = await Promise.all([
    trainingRecordsOf(db, ids),
    supervisionFactsOf(db, ids),
    cpdHoursBetween(db, ids, { from: year.start, to: year.end }),
    signedOffCounts(db, ids, competencyIds),
  ]);
  return staff.map((s) => {
    const jobRole = s.job_role!;
    const own = records.filter((r) => r.userId === s.id);
    const training = emptyCounts();
    const requirementStates: Record<string, TrainingState> = {};
    const verification = { verified: 0, recorded: 0 };
    for (const standing of requirementStandings(jobRole, own, today)) {
      if (!standing.required) continue;
      training[standing.state] += 1;
      requirementStates[standing.requirement.id] = standing.state;
      if (standing.record) verification.recorded += 1;
      if (standing.record?.verifiedAt) verification.verified += 1;
    }
    return {
      id: s.id,
      name: s.name,
      pcnName: s.pcnName,
      jobRole,
      jobRoleTitle: jobRoleTitle(jobRole) ?? jobRole,
      ...readinessOf(jobRole, own, today),
      training,
      requirementStates,
      verification,
      supervision: supervisionStatusOf(supervision.get(s.id)!, today),
      signedOff: signedOff.get(s.id) ?? 0,
      competencies: competencyIds.size,
      cpdHours: cpd.get(s.id) ?? 0,
    };
  });
}

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
  sort: DashboardSort;
  direction: "asc" | "desc";
}

const READINESS_ORDER: Record<ReadinessState, number> = { "not-ready": 0, "pending-verification": 1, ready: 2 };
const unverified = (r: DashboardRow) => r.verification.recorded - r.verification.verified;

const SORT_KEYS: Record<DashboardSort, (r: DashboardRow) => number | string> = {
  name: (r) => r.name.toLocaleLowerCase("en-GB"),
  readiness: (r) => READINESS_ORDER[r.state],
  verified: unverified,
  expired: (r) => r.training.expired,
  expiring: (r) => r.training["expiring-soon"],
  missing: (r) => r.training.missing,
  // Nobody to meet is worse than any due date, so it sorts first.
  supervision: (r) => (r.supervision.state === "no-supervisor" ? "" : r.supervision.dueOn),
  competencies: (r) => r.signedOff,
  cpd: (r) => r.cpdHours,
};

export function filterAndSort(rows: readonly DashboardRow[], query: DashboardQuery): DashboardRow[] {
  const search = query.search?.toLocaleLowerCase("en-GB");
  const kept = rows.filter(
    (r) =>
      (!search || r.name.toLocaleLowerCase("en-GB").includes(search)) &&
      (!query.jobRole || r.jobRole === query.jobRole) &&
      (!query.readiness || r.state === query.readiness) &&
      (!query.verified || unverified(r) > 0 === (query.verified === "unverified")) &&
      (!query.supervision || r.supervision.state === query.supervision) &&
      (!query.training || r.training[query.training] > 0),
  );
  const key = SORT_KEYS[query.sort];
  const sign = query.direction === "asc" ? 1 : -1;
  return kept.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order * sign || a.name.localeCompare(b.name, "en-GB") || a.id - b.id;
  });
}

export function summarise(rows: readonly DashboardRow[]) {
  const sum = (f: (r: DashboardRow) => number) => rows.reduce((total, r) => total + f(r), 0);
  return {
    staff: rows.length,
    ready: rows.filter((r) => r.state === "ready").length,
    pendingVerification: rows.filter((r) => r.state === "pending-verification").length,
    supervisionOverdue: rows.filter((r) => r.supervision.state === "overdue").length,
    supervisionDueSoon: rows.filter((r) => r.supervision.state === "due-soon").length,
    noSupervisor: rows.filter((r) => r.supervision.state === "no-supervisor").length,
    trainingExpired: sum((r) => r.training.expired),
    trainingExpiring: sum((r) => r.training["expiring-soon"]),
    trainingMissing: sum((r) => r.training.missing),
    cpdHours: Math.round(sum((r) => r.cpdHours) * 100) / 100,
  };
}

/** For each requirement any of these people's roles require: how many of them are in each state. */
export function complianceByRequirement(rows: readonly DashboardRow[]) {
  const titles = new Map(
    getContent().trainingRequirements.requirements.map((r, order) => [r.id, { title: r.title, order }]),
  );
  const byRequirement = new Map<string, Record<TrainingState, number>>();
  for (const row of rows) {
    for (const [id, state] of Object.entries(row.requirementStates)) {
      const counts = byRequirement.get(id) ?? emptyCounts();
      counts[state] += 1;
      byRequirement.set(id, counts);
    }
  }
  return [...byRequirement.entries()]
    .map(([id, counts]) => ({
      id,
      title: titles.get(id)?.title ?? id,
      order: titles.get(id)?.order ?? Infinity,
      counts,
      required: Object.values(counts).reduce((n, c) => n + c, 0),
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ order: _, ...r }) => r);
}
