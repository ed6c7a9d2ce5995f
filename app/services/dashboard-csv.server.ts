/** The dashboard table as a spreadsheet, in the same words the page and the compliance report use. */
import { toCsv } from "~/domain/csv";
import {
  READINESS_LABELS,
  SUPERVISION_STATE_LABELS,
  TRAINING_STATE_LABELS,
  TRAINING_STATES,
} from "~/domain/vocabulary";
import type { DashboardRow } from "~/models/dashboard.server";

/** Every row given, as CSV with a byte order mark; `year` names the appraisal year the CPD hours are for. */
export function dashboardCsv(rows: readonly DashboardRow[], year: string): string {
  const header = [
    "Name",
    "PCN",
    "Job role",
    "Readiness to take referrals",
    "Blockers",
    "Awaiting verification",
    "Required training verified",
    "Required training recorded",
    ...TRAINING_STATES.map((s) => `Training ${TRAINING_STATE_LABELS[s].toLowerCase()}`),
    "Supervision",
    "Supervision due by",
    "Days overdue",
    "Competencies signed off",
    "Competencies in framework",
    `CPD hours ${year}`,
  ];
  const body = rows.map((r) => [
    r.name,
    r.pcnName ?? "",
    r.jobRoleTitle,
    READINESS_LABELS[r.state],
    r.blockers.join("; "),
    r.awaitingVerification.join("; "),
    String(r.verification.verified),
    String(r.verification.recorded),
    ...TRAINING_STATES.map((s) => String(r.training[s])),
    SUPERVISION_STATE_LABELS[r.supervision.state],
    r.supervision.dueOn,
    String(r.supervision.daysOverdue),
    String(r.signedOff),
    String(r.competencies),
    String(r.cpdHours),
  ]);
  return toCsv([header, ...body], { byteOrderMark: true });
}
