/**
 * Can this person take referrals yet? The Network Contract DES lets a role start once its required
 * training is done, or (for some courses) once the person is enrolled on or undertaking it. Records are
 * self-declared until a supervisor or lead verifies them; where the content says a requirement must be verified
 * before referrals, a self-declared record leaves the person "ready pending verification", not ready.
 */
import { formatDate } from "~/domain/format";
import { expiryDate, trainingState, type TrainingRecordStatus, type TrainingState } from "~/domain/training-status";
import { TRAINING_STATUS_PHRASES, type ReadinessState } from "./vocabulary";

/** The parts of a content-defined training requirement and role that readiness depends on. */
export interface TrainingRequirement {
  id: string;
  title: string;
  renewalMonths: number | null;
  requiredBeforeReferrals: boolean;
  underWayCounts: boolean;
  verifyBeforeReferrals: boolean;
}

export interface Role {
  id: string;
  requirements: readonly string[];
}

export interface TrainingRecord {
  requirementId: string;
  status: TrainingRecordStatus;
  completedOn: string | null;
  /** When a supervisor or lead verified the record; null while it is only self-declared. */
  verifiedAt: string | null;
  /** The renewal period the owner's PCN sets for this training in place of the content's; null or absent: none. */
  localRenewalMonths?: number | null;
}

/** How often this record must be renewed: its PCN's local period when there is one, otherwise the content's. */
export function renewalMonthsOf(
  record: Pick<TrainingRecord, "localRenewalMonths">,
  requirement: Pick<TrainingRequirement, "renewalMonths">,
): number | null {
  return record.localRenewalMonths ?? requirement.renewalMonths;
}

export interface Readiness {
  state: ReadinessState;
  /** Unmet requirements, each with why: any of these makes the person not ready. */
  blockers: string[];
  /** Requirements met only by self-declaration that must be verified before referrals. */
  awaitingVerification: string[];
}

/** One person's readiness as the readiness panels show it. */
export interface ReadinessView extends Readiness {
  personId: number;
  name: string;
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
  const [a, b] = [candidate.record.completedOn ?? "", current.record.completedOn ?? ""];
  // Otherwise the later completion; between two equal ones, the one a supervisor or lead has checked.
  return a !== b ? a > b : candidate.record.verifiedAt !== null && current.record.verifiedAt === null;
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
    const assessed = {
      record,
      state: trainingState({ ...record, renewalMonths: renewalMonthsOf(record, requirement) }, today, windowDays),
    };
    if (best === null || isBetter(assessed, best)) best = assessed;
  }
  return best;
}

function isMet(requirement: TrainingRequirement, state: TrainingState): boolean {
  return state === "valid" || state === "expiring-soon" || (state === "in-progress" && requirement.underWayCounts);
}

/** Why an unmet requirement is unmet, in words the person can act on. */
function shortfall(requirement: TrainingRequirement, best: Assessed | null): string {
  if (!best) return "not started";
  const { status, completedOn } = best.record;
  if (status !== "completed") return `${TRAINING_STATUS_PHRASES[status]}, but must be completed`;
  // A dated completion that does not meet the requirement can only have expired.
  const expiredOn = completedOn && expiryDate(completedOn, renewalMonthsOf(best.record, requirement));
  return expiredOn ? `expired on ${formatDate(expiredOn)}` : "completed, but the completion date is missing";
}

/**
 * Checks each of the role's requirements that must be in place before taking referrals. Recommended
 * training never blocks, and neither do required items that can only be met on the job (such as supervision).
 * Any verified record that meets a requirement is enough, so recording a completion after a verified enrolment
 * does not take the person back to pending.
 */
export function referralReadiness(
  role: Role,
  requirementsById: ReadonlyMap<string, TrainingRequirement>,
  records: readonly TrainingRecord[],
  today: string,
): Readiness {
  const blockers: string[] = [];
  const awaitingVerification: string[] = [];
  for (const id of role.requirements) {
    const requirement = requirementsById.get(id);
    if (!requirement) throw new Error(`Role "${role.id}" requires unknown training "${id}"`);
    if (!requirement.requiredBeforeReferrals) continue;

    const meeting = records.filter(
      (r) =>
        r.requirementId === id &&
        isMet(requirement, trainingState({ ...r, renewalMonths: renewalMonthsOf(r, requirement) }, today)),
    );
    if (meeting.length === 0) {
      blockers.push(`${requirement.title}: ${shortfall(requirement, bestRecord(requirement, records, today))}`);
    } else if (requirement.verifyBeforeReferrals && !meeting.some((r) => r.verifiedAt !== null)) {
      const best = bestRecord(requirement, meeting, today)!;
      awaitingVerification.push(
        `${requirement.title}: ${TRAINING_STATUS_PHRASES[best.record.status]}, not yet verified`,
      );
    }
  }
  const state: ReadinessState = blockers.length
    ? "not-ready"
    : awaitingVerification.length
      ? "pending-verification"
      : "ready";
  return { state, blockers, awaitingVerification };
}
