import type { LoaderFunctionArgs } from "@remix-run/node";
import { SUPERVISION_STATE_LABELS } from "~/components/SupervisionStatusTag";
import { TRAINING_STATE_LABELS, TRAINING_STATES } from "~/components/TrainingStateTag";
import { toCsv } from "~/domain/csv";
import { READINESS_LABELS } from "~/domain/readiness";
import { loadDashboard } from "~/services/compliance-dashboard.server";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";

/** The dashboard table as it is filtered and sorted, every page of it, for a spreadsheet. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, today, scope } = await loadDashboard(request, context);
  const year = appraisalYearOfDate(today).label;
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
  const scopeName = (scope.pcnName ?? "pcn")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return new Response(toCsv([header, ...body], { byteOrderMark: true }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dashboard-${scopeName}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
