/**
 * The PCN compliance report's data: the lead dashboard's rows and figures, plus each person's expired and expiring
 * required training with dates, which the dashboard only counts. All of it read from the rollups.
 */
import { DUE_SOON_DAYS } from "~/domain/supervision-cadence";
import { todayInLondon } from "~/domain/training-status";
import type { ComplianceReportData } from "~/pdf/compliance-report";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { env } from "~/lib/env.server";
import type { Executor } from "~/models/audit.server";
import {
  complianceByRequirement,
  dashboardRows,
  scopeFigures,
  scopeFilter,
  summaryOf,
  type DashboardScope,
} from "~/models/dashboard.server";
import { getPcn } from "~/models/pcn.server";
import { renewalForecast } from "~/models/renewal-forecast.server";

/** The report for one PCN, or for every PCN when pcnId is null; null when the PCN does not exist. */
export async function gatherComplianceReport(
  db: Executor,
  pcnId: number | null,
  now = new Date(),
): Promise<ComplianceReportData | null> {
  const pcn = pcnId === null ? null : await getPcn(db, pcnId);
  if (pcnId !== null && !pcn) return null;
  const today = todayInLondon(now);
  const scope: DashboardScope = pcnId === null ? { kind: "all" } : { kind: "pcn", pcnId };
  const figures = await scopeFigures(db, scope, today);
  const rows = await dashboardRows(db, pcnId, today);
  const summary = summaryOf(figures);
  const warningDays = env().EXPIRY_WARNING_DAYS;
  const forecast = await renewalForecast(db, scopeFilter(scope), today, { withNames: pcnId !== null });

  return {
    scope: pcn ? `${pcn.name} (${pcn.odsCode})` : "All PCNs",
    generatedAt: now.toISOString(),
    today,
    figures: [
      ["Staff", summary.staff],
      ["Ready to take referrals", summary.ready],
      ["Ready pending verification", summary.pendingVerification],
      ["Not ready to take referrals", summary.staff - summary.ready - summary.pendingVerification],
      ["Supervision overdue", summary.supervisionOverdue],
      [`Supervision due within ${DUE_SOON_DAYS} days`, summary.supervisionDueSoon],
      ["No designated supervisor", summary.noSupervisor],
      ["Required training expired", summary.trainingExpired],
      [`Required training expiring within ${warningDays} days`, summary.trainingExpiring],
      ["Required training not recorded", summary.trainingMissing],
      [`CPD hours in appraisal year ${appraisalYearOfDate(today).label}`, summary.cpdHours],
    ].map(([label, value]) => ({ label: String(label), value: String(value) })),
    requirements: complianceByRequirement(figures).map((r) => ({
      title: r.title,
      required: r.required,
      counts: r.counts,
    })),
    forecast: forecast.map((m) => ({
      label: m.label,
      total: m.total,
      requirements: m.requirements.map((r) => ({
        title: r.title,
        count: r.count,
        people: r.people?.map((p) => ({ name: p.name, expiresOn: p.expiresOn })) ?? null,
      })),
    })),
    staff: rows.map((r) => ({
      name: r.name,
      jobRole: r.jobRoleTitle,
      readiness: r.state,
      blockers: r.blockers,
      awaitingVerification: r.awaitingVerification,
      expiries: r.expiries,
      supervision: { state: r.supervision.state, dueOn: r.supervision.dueOn },
      signedOff: r.signedOff,
      competencies: r.competencies,
      cpdHours: r.cpdHours,
      induction: r.induction,
    })),
  };
}
