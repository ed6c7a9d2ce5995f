import type { SupervisionStatus } from "~/domain/supervision-cadence";
import { formatDate } from "~/domain/format";
import { SUPERVISION_STATE_LABELS, type MeetingStatus } from "~/domain/vocabulary";
import { StateTag } from "./kit/Tag";

/** "Overdue by 12 days (was due by 1 December 2026)", "Up to date: next meeting due by 20 December 2026". */
export function supervisionSummary(status: SupervisionStatus): string {
  if (status.state === "no-supervisor")
    return "No supervisor: nobody is named as their designated supervisor, so supervision cannot happen";
  if (status.state === "overdue")
    return `Overdue by ${status.daysOverdue} ${status.daysOverdue === 1 ? "day" : "days"} (was due by ${formatDate(status.dueOn)})`;
  return `${SUPERVISION_STATE_LABELS[status.state]}: next meeting due by ${formatDate(status.dueOn)}`;
}

/** The same, spoken to the person whose supervision it is: "Your supervision is overdue by 12 days (...)". */
export function ownSupervisionSummary(status: SupervisionStatus): string {
  if (status.state === "no-supervisor")
    return "You have no designated supervisor yet, so your supervision cannot be arranged: ask your PCN lead";
  if (status.state === "overdue")
    return `Your supervision is overdue by ${status.daysOverdue} ${status.daysOverdue === 1 ? "day" : "days"}: it was due by ${formatDate(status.dueOn)}`;
  if (status.state === "due-soon") return `Your next supervision is due soon, by ${formatDate(status.dueOn)}`;
  return `Your supervision is up to date: your next meeting is due by ${formatDate(status.dueOn)}`;
}

export function SupervisionStatusTag({ status }: { status: SupervisionStatus }) {
  return <StateTag kind="supervision" state={status.state} />;
}

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <StateTag kind="meeting" state={status} />;
}
