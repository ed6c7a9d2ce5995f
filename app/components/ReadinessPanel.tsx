import { Link } from "~/components/kit/Link";
import type { ReadinessView } from "~/domain/readiness";
import type { ReadinessState } from "~/domain/vocabulary";
import { StateTag } from "./kit/Tag";

export function ReadinessTag({ state }: { state: ReadinessState }) {
  return <StateTag kind="readiness" state={state} />;
}

function List({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** What the state means for this person, spoken to them on their own pages. */
function explanation(readiness: ReadinessView, own: boolean): string {
  const who = own ? "You" : readiness.name;
  switch (readiness.state) {
    case "ready":
      return `${who} ${own ? "have" : "has"} the training needed before taking referrals, verified where it must be.`;
    case "pending-verification":
      return `${who} can take referrals once a supervisor or lead has verified ${own ? "your" : "their"} records of:`;
    case "not-ready":
      return `${who} cannot take referrals yet:`;
  }
}

/**
 * Whether one person can take referrals, and if not what stands in the way, for the top of their page.
 * `own` switches the wording to "you"; the training page itself turns off the link to the training page.
 */
export function ReadinessPanel({
  readiness,
  own = false,
  linkToTraining = true,
}: {
  readiness: ReadinessView;
  own?: boolean;
  linkToTraining?: boolean;
}) {
  return (
    <div
      className={`nhsuk-card${readiness.state === "ready" ? "" : " nhsuk-card--warning"}`}
      data-testid="readiness-panel"
    >
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Referral readiness</h2>
        <p className="nhsuk-card__description">
          <ReadinessTag state={readiness.state} /> {explanation(readiness, own)}
        </p>
        {readiness.state === "not-ready" ? <List items={readiness.blockers} /> : null}
        {readiness.state === "pending-verification" ? <List items={readiness.awaitingVerification} /> : null}
        {linkToTraining ? (
          <p className="nhsuk-card__description">
            <Link to={`/people/${readiness.personId}/training`}>
              {own ? "Your training records" : `${readiness.name}'s training records`}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** For a lead or supervisor: how many of their staff are ready, naming those who are not, or not yet verified, and why. */
export function TeamReadinessPanel({ people, canBulkVerify }: { people: ReadinessView[]; canBulkVerify: boolean }) {
  const notReady = people.filter((p) => p.state === "not-ready");
  const pending = people.filter((p) => p.state === "pending-verification");
  const ready = people.length - notReady.length - pending.length;
  return (
    <div
      className={`nhsuk-card${notReady.length || pending.length ? " nhsuk-card--warning" : ""}`}
      data-testid="team-readiness-panel"
    >
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">Referral readiness</h2>
        <p className="nhsuk-card__description">
          {ready} of {people.length} staff are ready to take referrals.
          {pending.length
            ? ` ${pending.length} ${pending.length === 1 ? "is" : "are"} ready pending verification.`
            : ""}
        </p>
        {[
          { group: notReady, heading: "Not ready", items: (p: ReadinessView) => p.blockers },
          {
            group: pending,
            heading: "Waiting for their training to be verified",
            items: (p: ReadinessView) => p.awaitingVerification,
          },
        ].map(({ group, heading, items }) =>
          group.length ? (
            <section key={heading}>
              <h3 className="nhsuk-heading-s">{heading}</h3>
              <ul>
                {group.map((p) => (
                  <li key={p.personId}>
                    <Link to={`/people/${p.personId}/training`}>{p.name}</Link>: {items(p).join("; ")}
                  </li>
                ))}
              </ul>
            </section>
          ) : null,
        )}
        {pending.length && canBulkVerify ? (
          <p className="nhsuk-card__description">
            <Link to="/dashboard/verify">Verify training for several people at once</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
