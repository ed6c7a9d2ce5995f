/**
 * The induction checklist's rules (issue 13 item 4, ADR 0020): which of the content's items a new starter gets, and
 * where their checklist stands. Pure: the model stores checklists, the pages and finders ask here.
 */
import { addCalendarDays } from "./training-status";

export interface InductionTemplate {
  id: string;
  title: string;
  description: string;
  /** Job roles the item is for; empty means every role. */
  roles: readonly string[];
  /** Settings the item is for; empty means every setting. */
  settings: readonly string[];
}

/** The items for a job role in a setting, in the content's order. */
export function inductionItemsFor<T extends InductionTemplate>(
  items: readonly T[],
  jobRole: string | null,
  settingId: string,
): T[] {
  const fits = (list: readonly string[], value: string | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  return items.filter((item) => fits(item.roles, jobRole) && fits(item.settings, settingId));
}

/** How many days before the due date the checklist counts as "due soon". */
export const INDUCTION_DUE_SOON_DAYS = 7;

export type InductionStatus = "complete" | "in-progress" | "due-soon" | "overdue";

export interface InductionProgress {
  done: number;
  total: number;
  /** The date every item should be done by (YYYY-MM-DD). */
  dueOn: string;
}

/** Complete once every item is ticked; otherwise overdue after the due date, due soon in the week before it. */
export function inductionStatus(progress: InductionProgress, today: string): InductionStatus {
  if (progress.done >= progress.total) return "complete";
  if (today > progress.dueOn) return "overdue";
  if (addCalendarDays(today, INDUCTION_DUE_SOON_DAYS) >= progress.dueOn) return "due-soon";
  return "in-progress";
}

/** Whether progress still shows on the person's page and home page: for the content's first months only. */
export const showsInductionProgress = (checklist: { showUntil: string }, today: string) => today <= checklist.showUntil;
