/**
 * How often someone must meet their designated supervisor, and whether they are behind.
 * The DES asks for at least monthly supervision for full-time staff; part-time staff meet pro rata,
 * but never less often than the policy's cap.
 */
import { addCalendarDays, daysBetween } from "~/domain/training-status";

export interface SupervisionPolicy {
  version: string;
  fullTimeIntervalDays: number;
  maxIntervalDays: number;
}

export interface SupervisionHistory {
  /** The latest confirmed meeting: one the member of staff recorded counts only once their supervisor confirms it. */
  lastMeetingOn: string | null;
  startDate: string;
  fte: number;
  /** Whether anyone is designated to supervise them now. */
  hasSupervisor: boolean;
}

/** "no-supervisor" outranks the others: with nobody designated, no meeting can be arranged, whatever the dates say. */
export type SupervisionState = "ok" | "due-soon" | "overdue" | "no-supervisor";

export interface SupervisionStatus {
  state: SupervisionState;
  dueOn: string;
  daysOverdue: number;
}

/** One person's supervision standing, as the supervision panels show it. */
export interface SupervisionDue {
  personId: number;
  name: string;
  status: SupervisionStatus;
}

export const DUE_SOON_DAYS = 7;

/** Days allowed between meetings for someone working `fte` (a fraction of full time, above 0 and at most 1). */
export function expectedIntervalDays(fte: number, policy: SupervisionPolicy): number {
  if (!(fte > 0 && fte <= 1)) throw new RangeError(`FTE must be above 0 and at most 1, got ${fte}`);
  return Math.min(policy.maxIntervalDays, Math.round(policy.fullTimeIntervalDays / fte));
}

/**
 * The next meeting is due one interval after the last one, or after the start date for someone who has not
 * met their supervisor yet. A meeting on the due date itself is on time, so "overdue" starts the day after.
 */
export function supervisionState(
  history: SupervisionHistory,
  today: string,
  policy: SupervisionPolicy,
): SupervisionStatus {
  const countFrom = history.lastMeetingOn ?? history.startDate;
  const dueOn = addCalendarDays(countFrom, expectedIntervalDays(history.fte, policy));
  const daysLeft = daysBetween(today, dueOn);
  const daysOverdue = daysOverdueOn(dueOn, today);

  if (!history.hasSupervisor) return { state: "no-supervisor", dueOn, daysOverdue };
  if (daysLeft < 0) return { state: "overdue", dueOn, daysOverdue };
  return { state: daysLeft <= DUE_SOON_DAYS ? "due-soon" : "ok", dueOn, daysOverdue };
}

/** Days past the due date (0 until it has passed): the one part of the standing that changes every day. */
export function daysOverdueOn(dueOn: string, today: string): number {
  return Math.max(0, daysBetween(dueOn, today));
}

/**
 * The first day after `today` on which supervisionState gives another state, or null when only the days overdue
 * will change: a week before the due date, then the day after it.
 */
export function supervisionStateChangesOn(status: SupervisionStatus, today: string): string | null {
  if (status.state === "no-supervisor") return null;
  const dueSoonFrom = addCalendarDays(status.dueOn, -DUE_SOON_DAYS);
  if (today < dueSoonFrom) return dueSoonFrom;
  const overdueFrom = addCalendarDays(status.dueOn, 1);
  return today < overdueFrom ? overdueFrom : null;
}
