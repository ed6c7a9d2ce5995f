/**
 * Joins the pure rules in app/domain to this deployment's content and settings: which training a job role needs,
 * how long the expiry warning is, the supervision policy and when the appraisal year starts.
 */
import { findRole, getContent, type TrainingRequirement } from "~/content/index.server";
import { appraisalYear, type AppraisalYear } from "~/domain/appraisal-year";
import { bestRecord, referralReadiness, renewalMonthsOf, type Readiness } from "~/domain/readiness";
import { supervisionState, type SupervisionStatus } from "~/domain/supervision-cadence";
import { expiryDate, trainingState, type TrainingRecordStatus, type TrainingState } from "~/domain/training-status";
import { CPD_TYPES, type CpdType } from "~/domain/vocabulary";
import { env } from "~/lib/env.server";

export interface TrainingFact {
  requirementId: string;
  status: TrainingRecordStatus;
  completedOn: string | null;
  verifiedAt: string | null;
  /** The owner's PCN's own renewal period for this training, if it sets one (see app/models/local-periods.server.ts). */
  localRenewalMonths?: number | null;
}

export interface RequirementStanding<R extends TrainingFact> {
  requirement: TrainingRequirement;
  /** False for training the role only recommends. */
  required: boolean;
  state: TrainingState;
  expiresOn: string | null;
  /** The record that decides the state, or null when there is none. */
  record: R | null;
}

export function stateOf(record: TrainingFact, requirement: TrainingRequirement, today: string): TrainingState {
  return trainingState(
    { ...record, renewalMonths: renewalMonthsOf(record, requirement) },
    today,
    env().EXPIRY_WARNING_DAYS,
  );
}

export function expiryOf(record: TrainingFact, requirement: TrainingRequirement | undefined): string | null {
  return record.completedOn && requirement
    ? expiryDate(record.completedOn, renewalMonthsOf(record, requirement))
    : null;
}

function standing<R extends TrainingFact>(requirement: TrainingRequirement, required: boolean, records: readonly R[], today: string): RequirementStanding<R> {
  const best = bestRecord(requirement, records, today, env().EXPIRY_WARNING_DAYS);
  return { requirement, required, state: best?.state ?? "missing", expiresOn: best ? expiryOf(best.record, requirement) : null, record: best?.record ?? null };
}

/** Every requirement the job role has (required first, then recommended), each with where this person stands. */
export function requirementStandings<R extends TrainingFact>(jobRole: string | null, records: readonly R[], today: string): RequirementStanding<R>[] {
  const content = getContent();
  const role = jobRole ? findRole(content, jobRole) : undefined;
  if (!role) return [];
  const byId = requirementsById();
  const pick = (ids: readonly string[], required: boolean) => ids.flatMap((id) => (byId.has(id) ? [standing(byId.get(id)!, required, records, today)] : []));
  return [...pick(role.requirements, true), ...pick(role.recommended, false)];
}

export interface Expiry {
  requirementId: string;
  title: string;
  state: "expired" | "expiring-soon";
  /** The expiry date: passed for expired training, coming for training expiring soon. */
  on: string;
}

/** The role's required training that has expired or expires soon, soonest first. */
export function expiriesOf(jobRole: string | null, records: readonly TrainingFact[], today: string): Expiry[] {
  return requirementStandings(jobRole, records, today)
    .flatMap((s): Expiry[] =>
      s.required && s.expiresOn && (s.state === "expired" || s.state === "expiring-soon") ? [{ requirementId: s.requirement.id, title: s.requirement.title, state: s.state, on: s.expiresOn }] : [],
    )
    .sort((a, b) => a.on.localeCompare(b.on));
}

const requirementMaps = new WeakMap<object, ReadonlyMap<string, TrainingRequirement>>();

/** Every requirement by id; made once per loaded content, as rollups ask for it for every member of staff. */
export function requirementsById(): ReadonlyMap<string, TrainingRequirement> {
  const requirements = getContent().trainingRequirements.requirements;
  let byId = requirementMaps.get(requirements);
  if (!byId) requirementMaps.set(requirements, (byId = new Map(requirements.map((r) => [r.id, r]))));
  return byId;
}

export const NO_JOB_ROLE = "No job role is recorded, so the training they need is not known";

/** Ready to take referrals, or the blockers in plain words. Someone without a known job role cannot be ready. */
export function readinessOf(jobRole: string | null, records: readonly TrainingFact[], today: string): Readiness {
  const role = jobRole ? findRole(getContent(), jobRole) : undefined;
  if (!role) return { state: "not-ready", blockers: [NO_JOB_ROLE], awaitingVerification: [] };
  return referralReadiness(role, requirementsById(), records, today);
}

export interface SupervisionFacts {
  lastMeetingOn: string | null;
  /** When counting starts for someone who has never met their supervisor: their start date, or when they were added. */
  startDate: string;
  fte: number | null;
  hasSupervisor: boolean;
}

/** Missing FTE counts as full time, the strictest cadence. */
export function supervisionStatusOf(facts: SupervisionFacts, today: string): SupervisionStatus {
  return supervisionState({ ...facts, fte: facts.fte ?? 1 }, today, getContent().supervisionPolicy);
}

export function appraisalYearOfDate(date: string): AppraisalYear {
  return appraisalYear(date, env().APPRAISAL_YEAR_START_MONTH);
}

const hours = (n: number) => Math.round(n * 100) / 100;

/** CPD hours by type within one appraisal year, and by appraisal year (oldest first) across the whole log. */
export function cpdTotals(log: readonly { activityDate: string; type: string; hours: number }[], year: AppraisalYear) {
  const byType = new Map<CpdType, number>(Object.keys(CPD_TYPES).map((t) => [t as CpdType, 0]));
  const byYear = new Map<string, number>();
  for (const entry of log) {
    if (entry.activityDate >= year.start && entry.activityDate <= year.end && byType.has(entry.type as CpdType)) {
      byType.set(entry.type as CpdType, byType.get(entry.type as CpdType)! + entry.hours);
    }
    const label = appraisalYearOfDate(entry.activityDate).label;
    byYear.set(label, (byYear.get(label) ?? 0) + entry.hours);
  }
  return {
    byType: [...byType].map(([type, total]) => ({ type, label: CPD_TYPES[type], hours: hours(total) })),
    yearTotal: hours([...byType.values()].reduce((a, b) => a + b, 0)),
    byYear: [...byYear].sort(([a], [b]) => a.localeCompare(b)).map(([label, total]) => ({ label, hours: hours(total) })),
  };
}

/** Choices for the training form: the job role's training (required, then recommended) first, then everything else. */
export function trainingOptions(jobRole: string | null): { label: string; options: { value: string; label: string }[] }[] {
  const byId = requirementsById();
  const role = jobRole ? findRole(getContent(), jobRole) : undefined;
  const own = [...(role?.requirements ?? []), ...(role?.recommended ?? [])];
  const option = (id: string) => ({ value: id, label: byId.get(id)!.title });
  const other = [...byId.keys()].filter((id) => !own.includes(id)).map(option);
  if (!role) return [{ label: "Training", options: other }];
  return [
    { label: `Training for a ${role.title.toLowerCase()}`, options: own.filter((id) => byId.has(id)).map(option) },
    { label: "Other training", options: other },
  ];
}
