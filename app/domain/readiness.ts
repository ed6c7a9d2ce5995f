/**
 * Can this person take referrals yet? The Network Contract DES lets a role start once its required
 * training is done, or (for some courses) once the person is enrolled on or undertaking it.
 */
import { format } from "date-fns";
import {
  expiryDate,
  parseCalendarDate,
  trainingState,
  type TrainingRecordStatus,
  type TrainingState,
} from "~/domain/training-status";

/** The parts of a content-defined training requirement and role that readiness depends on. */
export interface TrainingRequirement {
  id: string;
  title: string;
  renewalMonths: number | null;
  requiredBeforeReferrals: boolean;
  underWayCounts: boolean;
}

export interface Role {
  id: string;
  requirements: readonly string[];
}

export interface TrainingRecord {
  requirementId: string;
  status: TrainingRecordStatus;
  completedOn: string | null;
}

export interface Readiness {
  ready: boolean;
  blockers: string[];
}

interface Assessed<R extends TrainingRecord = TrainingRecord> {
  record: R;
  state: TrainingState;
}

// When someone has several records for one requirement, the most useful one decides.
const STATE_RANK: Record<TrainingState, number> = {
  valid: 4,
  "expiring-soon": 3,
  "in-progress": 2,
  expired: 1,
  missing: 0,
};

function isBetter(candidate: Assessed, current: Assessed): boolean {
  const rankDifference = STATE_RANK[candidate.state] - STATE_RANK[current.state];
  if (rankDifference !== 0) return rankDifference > 0;
  return (candidate.record.completedOn ?? "") > (current.record.completedOn ?? "");
}

/** Of someone's records for one requirement, the one that decides where they stand (and its state), or null. */
export function bestRecord<R extends TrainingRecord>(
  requirement: Pick<TrainingRequirement, "id" | "renewalMonths">,
  records: readonly R[],
  today: string,
  windowDays?: number,
): Assessed<R> | null {
  let best: Assessed<R> | null = null;
  for (const record of records) {
    if (record.requirementId !== requirement.id) continue;
    const assessed = { record, state: trainingState({ ...record, renewalMonths: requirement.renewalMonths }, today, windowDays) };
    if (best === null || isBetter(assessed, best)) best = assessed;
  }
  return best;
}

function isMet(requirement: TrainingRequirement, state: TrainingState): boolean {
  return state === "valid" || state === "expiring-soon" || (state === "in-progress" && requirement.underWayCounts);
}

function longDate(iso: string): string {
  return format(parseCalendarDate(iso), "d MMMM yyyy");
}

/** Why an unmet requirement is unmet, in words the person can act on. */
function shortfall(requirement: TrainingRequirement, best: Assessed | null): string {
  if (!best) return "not started";
  const { status, completedOn } = best.record;
  if (status !== "completed") return `${status === "enrolled" ? "enrolled" : "in progress"}, but must be completed`;
  // A dated completion that does not meet the requirement can only have expired.
  const expiredOn = completedOn && expiryDate(completedOn, requirement.renewalMonths);
  return expiredOn ? `expired on ${longDate(expiredOn)}` : "completed, but the completion date is missing";
}

/**
 * Checks each of the role's requirements that must be in place before taking referrals. Recommended
 * training never blocks, and neither do required items that can only be met on the job (such as supervision).
 */
export function referralReadiness(
  role: Role,
  requirementsById: ReadonlyMap<string, TrainingRequirement>,
  records: readonly TrainingRecord[],
  today: string,
): Readiness {
  const blockers: string[] = [];
  for (const id of role.requirements) {
    const requirement = requirementsById.get(id);
    if (!requirement) throw new Error(`Role "${role.id}" requires unknown training "${id}"`);
    if (!requirement.requiredBeforeReferrals) continue;

    const best = bestRecord(requirement, records, today);
    if (!best || !isMet(requirement, best.state)) {
      blockers.push(`${requirement.title}: ${shortfall(requirement, best)}`);
    }
  }
  return { ready: blockers.length === 0, blockers };
}
