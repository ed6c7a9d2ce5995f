import { Link } from "~/components/kit/Link";
import { formatDate } from "~/domain/format";

interface ExpiringTrainingView {
  personId: number;
  name: string;
  expiries: { requirementId: string; title: string; state: "expired" | "expiring-soon"; on: string }[];
}

const when = (e: ExpiringTrainingView["expiries"][number]) =>
  `${e.state === "expired" ? "expired on" : "expires on"} ${formatDate(e.on)}`;

/**
 * Required training (statutory and mandatory, and anything else that needs renewing) that has expired or expires
 * soon, on the home page: for the member of staff themself (`own`), or for the people a lead or supervisor oversees.
 */
export function TrainingExpiryPanel({ people, own = false }: { people: ExpiringTrainingView[]; own?: boolean }) {
  if (people.length === 0) return null;
  return (
    <div className="nhsuk-card nhsuk-card--warning" data-testid={own ? "own-training-expiry" : "team-training-expiry"}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">{own ? "Your training to renew" : "Training expired or expiring soon"}</h2>
        {own ? (
          <>
            <ul>
              {people[0]!.expiries.map((e) => (
                <li key={e.requirementId}>
                  {e.title}: {when(e)}
                </li>
              ))}
            </ul>
            <p className="nhsuk-card__description">
              <Link to={`/people/${people[0]!.personId}/training#add`}>Record your renewed training</Link>
            </p>
          </>
        ) : (
          <ul>
            {people.map((p) => (
              <li key={p.personId}>
                <Link to={`/people/${p.personId}/training`}>{p.name}</Link>:{" "}
                {p.expiries.map((e) => `${e.title} ${when(e)}`).join("; ")}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
