import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { formatHours } from "~/components/CpdHours";
import { ComplianceByRequirement } from "~/components/dashboard/ComplianceByRequirement";
import { DashboardFilters } from "~/components/dashboard/DashboardFilters";
import { FiguresFreshness } from "~/components/dashboard/FiguresFreshness";
import { RenewalForecast } from "~/components/dashboard/RenewalForecast";
import { StaffTable } from "~/components/dashboard/StaffTable";
import { PageHeading } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { dashboardPage } from "~/models/dashboard.server";
import { getContent } from "~/content/index.server";
import { loadDashboard, sortLinks } from "~/services/compliance-dashboard.server";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { canBulkVerify, canImportTraining, canRecordTeamTraining, canSetLocalPeriods } from "~/domain/permissions";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { ResultCount } from "~/components/Table";

export const meta: MetaFunction = () => [{ title: pageTitle("Training compliance and readiness dashboard") }];

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rowScope, query, page: asked, scope, today, viewer } = await loadDashboard(request, context);
  const { rows, page, total, summary, compliance, forecast, freshness } = await dashboardPage(
    getDb(),
    rowScope,
    query,
    today,
    {
      page: asked,
      pageSize: PAGE_SIZE,
    },
  );
  return {
    scope,
    query,
    summary,
    compliance,
    forecast,
    freshness,
    rows,
    total,
    page,
    pageSize: PAGE_SIZE,
    year: appraisalYearOfDate(today).label,
    sortLinks: sortLinks(new URL(request.url).search, query),
    jobRoles: getContent().roles.roles.map((r) => ({ value: r.id, label: r.title })),
    canBulkVerify: canBulkVerify(viewer),
    canImportTraining: canImportTraining(viewer),
    canRecordTeamTraining: canRecordTeamTraining(viewer),
    canSetLocalPeriods: canSetLocalPeriods(viewer),
  };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { summary, query } = data;
  const csvParams = new URLSearchParams(location.search);
  csvParams.delete("page");
  const figures: [string, string][] = [
    ["Staff", String(summary.staff)],
    ["Ready to take referrals", `${summary.ready} of ${summary.staff}`],
    ["Ready pending verification", String(summary.pendingVerification)],
    ["Supervision overdue", String(summary.supervisionOverdue)],
    ["Supervision due soon", String(summary.supervisionDueSoon)],
    ["No supervisor", String(summary.noSupervisor)],
    ["Training expired", String(summary.trainingExpired)],
    ["Training expiring soon", String(summary.trainingExpiring)],
    ["Training missing", String(summary.trainingMissing)],
    [`CPD hours in ${data.year}`, formatHours(summary.cpdHours)],
  ];
  return (
    <>
      <PageHeading caption={data.scope.pcnName}>Dashboard</PageHeading>
      <DashboardFilters query={query} jobRoles={data.jobRoles} scope={data.scope} />

      <FiguresFreshness freshness={data.freshness} />
      <h2>Summary</h2>
      <dl className="app-figures" data-testid="dashboard-summary">
        {figures.map(([label, figure]) => (
          <div className="app-figure" key={label}>
            <dt>{label}</dt>
            <dd>{figure}</dd>
          </div>
        ))}
      </dl>

      <h2>Staff</h2>
      {data.canBulkVerify ? (
        <p>
          <Link to="/dashboard/verify">Verify training for several people at once</Link>
        </p>
      ) : null}
      {data.canRecordTeamTraining ? (
        <p>
          <Link to="/dashboard/record-session">Record a team training session</Link>
        </p>
      ) : null}
      {data.canImportTraining ? (
        <p>
          <Link to="/dashboard/import">Import training records from ESR or a spreadsheet</Link>
        </p>
      ) : null}
      {data.canSetLocalPeriods ? (
        <p>
          <Link to="/dashboard/periods">Set how often your PCN renews training (local renewal periods)</Link>
        </p>
      ) : null}
      <p>
        <a href={`/dashboard.csv?${csvParams.toString()}`} download>
          Download this table as a spreadsheet (CSV)
        </a>
        {" · "}
        <a href={`/reports/compliance.pdf${data.scope.pcnId ? `?pcnId=${data.scope.pcnId}` : ""}`} download>
          Download the compliance report for governance meetings (PDF)
        </a>
      </p>
      <ResultCount count={data.total} one="member of staff" many="members of staff" />
      {data.total ? (
        <StaffTable
          rows={data.rows}
          sorting={{ sort: query.sort, direction: query.direction, links: data.sortLinks }}
          showPcn={data.scope.pcnId === null}
        />
      ) : (
        <p>No staff match these filters.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />

      <h2>Training compliance by requirement</h2>
      <ComplianceByRequirement compliance={data.compliance} />

      <h2>Renewals due in the next 12 months</h2>
      <RenewalForecast forecast={data.forecast} />
    </>
  );
}
