import { Link } from "@remix-run/react";

export interface ReadinessView {
  personId: number;
  name: string;
  ready: boolean;
  blockers: string[];
}

/**
 * Whether one person can take referrals, and if not what stands in the way, for the top of their page.
 * `own` switches the wording to "you"; the training page itself turns off the link to the training page.
 */
export function ReadinessPanel({ readiness, own = false, linkToTraining = true }: { readiness: ReadinessView; own?: boolean; linkToTraining?: boolean }) {
  const who = own ? "You" : readiness.name;
  return (
    <div className={`nhsuk-card${readiness.ready ? "" : " nhsuk-card--warning"}`} data-testid="readiness-panel">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Referral readiness</h2>
        {readiness.ready ? (
          <p className="nhsuk-card__description">
            <strong className="nhsuk-tag nhsuk-tag--green">Ready</strong> {who} {own ? "have" : "has"} the training needed before taking referrals.
          </p>
        ) : (
          <>
            <p className="nhsuk-card__description">
              <strong className="nhsuk-tag nhsuk-tag--red">Not ready</strong> {who} cannot take referrals yet:
            </p>
            <ul>
              {readiness.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </>
        )}
        {linkToTraining ? (
          <p className="nhsuk-card__description">
            <Link to={`/people/${readiness.personId}/training`}>{own ? "Your training records" : `${readiness.name}'s training records`}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** For a lead or supervisor: how many of their staff are ready, naming those who are not and why. */
export function TeamReadinessPanel({ people }: { people: ReadinessView[] }) {
  const notReady = people.filter((p) => !p.ready);
  return (
    <div className={`nhsuk-card${notReady.length ? " nhsuk-card--warning" : ""}`} data-testid="team-readiness-panel">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Referral readiness</h2>
        <p className="nhsuk-card__description">
          {people.length - notReady.length} of {people.length} staff are ready to take referrals.
        </p>
        {notReady.length ? (
          <ul>
            {notReady.map((p) => (
              <li key={p.personId}>
                <Link to={`/people/${p.personId}/training`}>{p.name}</Link>: {p.blockers.join("; ")}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
