import { Link } from "@remix-run/react";
import type { SupervisionStatus } from "~/domain/supervision-cadence";
import { SupervisionStatusTag, supervisionSummary } from "./SupervisionStatusTag";

export interface SupervisionDue {
  personId: number;
  name: string;
  status: SupervisionStatus;
}

/**
 * For a supervisor's or lead's home page: whose supervision is overdue, due soon or impossible for want of a
 * supervisor. Shows nothing when no one's is.
 */
export function SupervisionDuePanel({ people }: { people: SupervisionDue[] }) {
  if (people.length === 0) return null;
  const overdue = people.some((p) => p.status.state === "overdue" || p.status.state === "no-supervisor");
  return (
    <div className={`nhsuk-card${overdue ? " nhsuk-card--warning" : ""}`} data-testid="supervision-due-panel">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Supervision needing attention</h2>
        <ul className="nhsuk-list">
          {people.map((p) => (
            <li key={p.personId}>
              <SupervisionStatusTag status={p.status} /> <Link to={`/people/${p.personId}/supervision`}>{p.name}</Link>: {supervisionSummary(p.status)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
