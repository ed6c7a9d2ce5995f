import { Link } from "~/components/kit/Link";
import type { SupervisionDue } from "~/domain/supervision-cadence";
import { SupervisionStatusTag, ownSupervisionSummary, supervisionSummary } from "./SupervisionStatusTag";

/** For a member of staff's own home page, spoken to them. */
export function OwnSupervisionPanel({ supervision }: { supervision: SupervisionDue }) {
  return (
    <div
      className={`nhsuk-card${supervision.status.state === "overdue" || supervision.status.state === "no-supervisor" ? " nhsuk-card--warning" : ""}`}
      data-testid="own-supervision-panel"
    >
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Your supervision</h2>
        <p className="nhsuk-card__description">
          <SupervisionStatusTag status={supervision.status} /> {ownSupervisionSummary(supervision.status)}.
        </p>
        <p className="nhsuk-card__description">
          <Link to={`/people/${supervision.personId}/supervision`}>Your supervision record</Link>
        </p>
      </div>
    </div>
  );
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
              <SupervisionStatusTag status={p.status} /> <Link to={`/people/${p.personId}/supervision`}>{p.name}</Link>:{" "}
              {supervisionSummary(p.status)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
