import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { BarChart } from "~/components/BarChart";
import { formatHours } from "~/components/CpdHours";
import { Select, TextInput } from "~/components/Fields";
import { ReadinessTag } from "~/components/ReadinessPanel";
import { Pagination } from "~/components/Pagination";
import { SUPERVISION_STATE_LABELS, SupervisionStatusTag } from "~/components/SupervisionStatusTag";
import { TRAINING_STATE_FILLS, TRAINING_STATE_LABELS, TRAINING_STATES } from "~/components/TrainingStateTag";
import { complianceByRequirement, summarise, type DashboardSort } from "~/models/dashboard.server";
import { getContent } from "~/content/index.server";
import { loadDashboard, sortLinks } from "~/services/compliance-dashboard.server";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { formatDate } from "~/domain/format";
import { READINESS_LABELS } from "~/domain/readiness";
import { canBulkVerify } from "~/domain/permissions";
import { pageTitle } from "~/lib/page-title";
import { ResultCount, Table } from "~/components/Table";

export const meta: MetaFunction = () => [{ title: pageTitle("Training compliance and readiness dashboard") }];

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, query, page, scope, today, viewer } = await loadDashboard(request, context);
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ requirementStates: _, ...row }) => row);
  return {
    scope,
    query,
    summary: summarise(rows),
    compliance: complianceByRequirement(rows),
    rows: pageRows,
    total: rows.length,
    page,
    pageSize: PAGE_SIZE,
    year: appraisalYearOfDate(today).label,
    sortLinks: sortLinks(new URL(request.url).search, query),
    jobRoles: getContent().roles.roles.map((r) => ({ value: r.id, label: r.title })),
    canBulkVerify: canBulkVerify(viewer),
  };
}

const COLUMNS: { label: string; sort?: DashboardSort; numeric?: boolean }[] = [
  { label: "Name", sort: "name" },
  { label: "Readiness", sort: "readiness" },
  { label: "Verified", sort: "verified" },
  { label: "Valid", numeric: true },
  { label: "Expiring soon", sort: "expiring", numeric: true },
  { label: "In progress", numeric: true },
  { label: "Expired", sort: "expired", numeric: true },
  { label: "Missing", sort: "missing", numeric: true },
  { label: "Supervision", sort: "supervision" },
  { label: "Competencies signed off", sort: "competencies", numeric: true },
  { label: "CPD hours this year", sort: "cpd", numeric: true },
];

/** A column heading that sorts by it. */
function SortHeader({ label, sort, numeric }: (typeof COLUMNS)[number]) {
  const { query, sortLinks } = useLoaderData<typeof loader>();
  const className = numeric ? "nhsuk-table__header--numeric" : undefined;
  if (!sort)
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  const active = query.sort === sort;
  const direction = query.direction === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" className={className} aria-sort={active ? direction : undefined}>
      <Link to={sortLinks[sort]}>
        {label}
        <span className="nhsuk-u-visually-hidden">
          {active ? ` (sorted ${direction}, select to reverse)` : " (select to sort)"}
        </span>
      </Link>
    </th>
  );
}

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The filters other than the name search: each a select whose first choice means "no filter". */
function filterSelects({ query, jobRoles, scope }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const filters = [
    {
      name: "jobRole",
      label: "Job role",
      options: [{ value: "", label: "All job roles" }, ...jobRoles],
      defaultValue: query.jobRole,
    },
    {
      name: "readiness",
      label: "Readiness",
      options: [{ value: "", label: "Everyone" }, ...choices(READINESS_LABELS)],
      defaultValue: query.readiness,
    },
    {
      name: "verified",
      label: "Verified",
      options: [
        { value: "", label: "Any" },
        ...choices({ unverified: "Has training not yet verified", verified: "All recorded training verified" }),
      ],
      defaultValue: query.verified,
    },
    {
      name: "supervision",
      label: "Supervision",
      options: [{ value: "", label: "Any" }, ...choices(SUPERVISION_STATE_LABELS)],
      defaultValue: query.supervision,
    },
    {
      name: "training",
      label: "Training",
      options: [
        { value: "", label: "Any" },
        ...choices({
          expired: "Has expired training",
          "expiring-soon": "Has training expiring soon",
          missing: "Has missing training",
        }),
      ],
      defaultValue: query.training,
    },
  ];
  if (scope.pcnOptions)
    filters.push({
      name: "pcn",
      label: "PCN",
      options: [{ value: "", label: "All PCNs" }, ...scope.pcnOptions],
      defaultValue: scope.pcnId ? String(scope.pcnId) : undefined,
    });
  return filters.map((f) => ({ ...f, defaultValue: f.defaultValue ?? "" }));
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
      <span className="nhsuk-caption-l">{data.scope.pcnName}</span>
      <h1>Dashboard</h1>
      <Form method="get">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <TextInput name="q" label="Name" type="search" defaultValue={query.search ?? ""} />
          </div>
          {filterSelects(data).map((f) => (
            <div className="nhsuk-grid-column-one-third" key={f.name}>
              <Select {...f} />
            </div>
          ))}
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.direction} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Apply filters
        </button>
      </Form>

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
        <Table
          caption={`Staff. Training counts are of the training their role requires; "verified" counts the records a supervisor or lead has checked, out of those recorded.`}
          testId="dashboard-table"
        >
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader key={c.label} {...c} />
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id} data-person={r.name}>
                <th scope="row">
                  <Link to={`/people/${r.id}`}>{r.name}</Link>
                  <span className="app-cell-note">
                    {r.jobRoleTitle}
                    {data.scope.pcnId === null ? `, ${r.pcnName ?? "no PCN"}` : ""}
                  </span>
                </th>
                <td>
                  <ReadinessTag state={r.state} />
                  {r.state === "ready" ? null : (
                    <ul className="app-cell-note nhsuk-u-margin-bottom-0">
                      {(r.state === "not-ready" ? r.blockers : r.awaitingVerification).map((b) => (
                        <li key={b}>{b}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="app-nowrap">
                  {r.verification.verified} of {r.verification.recorded}
                  <span className="nhsuk-u-visually-hidden"> recorded required training verified</span>
                </td>
                {TRAINING_STATES.map((s) => (
                  <td className="nhsuk-table__cell--numeric" key={s}>
                    {r.training[s]}
                  </td>
                ))}
                <td>
                  <Link to={`/people/${r.id}/supervision`}>
                    <SupervisionStatusTag status={r.supervision} />
                    <span className="nhsuk-u-visually-hidden"> supervision for {r.name}</span>
                  </Link>
                  <span className="app-cell-note">
                    {r.supervision.state === "no-supervisor"
                      ? "Name a supervisor"
                      : r.supervision.state === "overdue"
                        ? `${r.supervision.daysOverdue} days overdue`
                        : `Due by ${formatDate(r.supervision.dueOn)}`}
                  </span>
                </td>
                <td className="nhsuk-table__cell--numeric">
                  {r.signedOff} of {r.competencies}
                </td>
                <td className="nhsuk-table__cell--numeric">{r.cpdHours}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>No staff match these filters.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />

      <h2>Training compliance by requirement</h2>
      {data.compliance.length ? (
        <>
          <BarChart
            rows={data.compliance.map((c) => ({
              label: c.title,
              segments: TRAINING_STATES.map((s) => ({ value: c.counts[s], className: TRAINING_STATE_FILLS[s] })),
            }))}
            legend={TRAINING_STATES.map((s) => ({
              label: TRAINING_STATE_LABELS[s],
              className: TRAINING_STATE_FILLS[s],
            }))}
          />
          <Table
            caption="Staff in each state, for each requirement, out of the staff whose role requires it"
            testId="compliance-table"
          >
            <thead>
              <tr>
                <th scope="col">Training</th>
                {TRAINING_STATES.map((s) => (
                  <th scope="col" className="nhsuk-table__header--numeric" key={s}>
                    {TRAINING_STATE_LABELS[s]}
                  </th>
                ))}
                <th scope="col" className="nhsuk-table__header--numeric">
                  Staff required
                </th>
              </tr>
            </thead>
            <tbody>
              {data.compliance.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  {TRAINING_STATES.map((s) => (
                    <td className="nhsuk-table__cell--numeric" key={s}>
                      {c.counts[s]}
                    </td>
                  ))}
                  <td className="nhsuk-table__cell--numeric">{c.required}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <p>No staff match these filters, so there is no training to show.</p>
      )}
    </>
  );
}
