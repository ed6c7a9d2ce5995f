import { Link, QueryLink } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import type { InductionStatus } from "~/domain/induction";
import { VisuallyHidden } from "~/components/kit/Text";
import { ReadinessTag } from "~/components/ReadinessPanel";
import { SupervisionStatusTag } from "~/components/SupervisionStatusTag";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { TRAINING_STATE_LABELS, TRAINING_STATES, type ReadinessState } from "~/domain/vocabulary";
import type { SupervisionStatus } from "~/domain/supervision-cadence";
import type { TrainingState } from "~/domain/training-status";

/** The columns a reader can sort by (models/dashboard.server's DashboardSort, which this bundle cannot import). */
type Sort =
  "name" | "readiness" | "verified" | "expiring" | "expired" | "missing" | "supervision" | "competencies" | "cpd";

export interface StaffRow {
  id: number;
  name: string;
  jobRoleTitle: string | null;
  pcnName: string | null;
  state: ReadinessState;
  blockers: string[];
  awaitingVerification: string[];
  verification: { verified: number; recorded: number };
  training: Record<TrainingState, number>;
  supervision: SupervisionStatus;
  signedOff: number;
  competencies: number;
  cpdHours: number;
  induction: { done: number; total: number; status: InductionStatus } | null;
}

interface Sorting {
  sort: string;
  direction: string;
  links: Record<Sort, string>;
}

const COLUMNS: { label: string; sort?: Sort; numeric?: boolean }[] = [
  { label: "Name", sort: "name" },
  { label: "Readiness", sort: "readiness" },
  { label: "Verified", sort: "verified" },
  { label: TRAINING_STATE_LABELS["valid"], numeric: true },
  { label: TRAINING_STATE_LABELS["expiring-soon"], sort: "expiring", numeric: true },
  { label: TRAINING_STATE_LABELS["in-progress"], numeric: true },
  { label: TRAINING_STATE_LABELS["expired"], sort: "expired", numeric: true },
  { label: TRAINING_STATE_LABELS["missing"], sort: "missing", numeric: true },
  { label: "Supervision", sort: "supervision" },
  { label: "Competencies signed off", sort: "competencies", numeric: true },
  { label: "CPD hours this year", sort: "cpd", numeric: true },
  { label: "Induction" },
];

/** A column heading that sorts by it. */
function SortHeader({ label, sort, numeric, sorting }: (typeof COLUMNS)[number] & { sorting: Sorting }) {
  const className = numeric ? "nhsuk-table__header--numeric" : undefined;
  if (!sort)
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  const active = sorting.sort === sort;
  const direction = sorting.direction === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" className={className} aria-sort={active ? direction : undefined}>
      <QueryLink query={sorting.links[sort]}>
        {label}
        <VisuallyHidden>{active ? ` (sorted ${direction}, select to reverse)` : " (select to sort)"}</VisuallyHidden>
      </QueryLink>
    </th>
  );
}

function SupervisionCell({ row }: { row: StaffRow }) {
  const { supervision } = row;
  return (
    <td>
      <Link to={`/people/${row.id}/supervision`}>
        <SupervisionStatusTag status={supervision} />
        <VisuallyHidden>{` supervision for ${row.name}`}</VisuallyHidden>
      </Link>
      <span className="app-cell-note">
        {supervision.state === "no-supervisor"
          ? "Name a supervisor"
          : supervision.state === "overdue"
            ? `${supervision.daysOverdue} days overdue`
            : `Due by ${formatDate(supervision.dueOn)}`}
      </span>
    </td>
  );
}

function InductionCell({ row }: { row: StaffRow }) {
  if (!row.induction) return <td>No checklist</td>;
  return (
    <td>
      <Link to={`/people/${row.id}/induction`}>
        <StateTag kind="induction" state={row.induction.status} />
        <VisuallyHidden>{` induction for ${row.name}`}</VisuallyHidden>
      </Link>
      <span className="app-cell-note">{`${row.induction.done} of ${row.induction.total} done`}</span>
    </td>
  );
}

/**
 * One row per member of staff: readiness, training, supervision, competencies and CPD, sortable by column. Text
 * beside a value is one template string: React renders separate pieces as separate text nodes, each with a marker
 * between them, which on a table of 25 rows was a measurable part of the page's rendering.
 */
export function StaffTable({ rows, sorting, showPcn }: { rows: StaffRow[]; sorting: Sorting; showPcn: boolean }) {
  return (
    <Table
      caption={`Staff. Training counts are of the training their role requires; "verified" counts the records a supervisor or lead has checked, out of those recorded.`}
      testId="dashboard-table"
    >
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <SortHeader key={c.label} {...c} sorting={sorting} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-person={r.name}>
            <th scope="row">
              <Link to={`/people/${r.id}`}>{r.name}</Link>
              <span className="app-cell-note">
                {showPcn ? `${r.jobRoleTitle ?? ""}, ${r.pcnName ?? "no PCN"}` : r.jobRoleTitle}
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
              {`${r.verification.verified} of ${r.verification.recorded}`}
              <VisuallyHidden> recorded required training verified</VisuallyHidden>
            </td>
            {TRAINING_STATES.map((s) => (
              <td className="nhsuk-table__cell--numeric" key={s}>
                {r.training[s]}
              </td>
            ))}
            <SupervisionCell row={r} />
            <td className="nhsuk-table__cell--numeric">{`${r.signedOff} of ${r.competencies}`}</td>
            <td className="nhsuk-table__cell--numeric">{r.cpdHours}</td>
            <InductionCell row={r} />
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
