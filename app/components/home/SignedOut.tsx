import { ButtonLink } from "~/components/kit/Button";

/** The home page before signing in: what the service is for, and the way in. */
export function SignedOut() {
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Care Portfolio</h1>
        <p className="nhsuk-lede-text">
          Keep the competency portfolio, training and CPD of care coordinators, health and wellbeing coaches and social
          prescribing link workers in one place.
        </p>
        <ul>
          <li>
            Staff record evidence against the four areas of the competency framework, their training and their CPD.
          </li>
          <li>Supervisors review evidence, record supervision and sign off competencies.</li>
          <li>PCN leads check training compliance and readiness to take referrals.</li>
        </ul>
        <ButtonLink to="/sign-in">Sign in</ButtonLink>
      </div>
    </div>
  );
}
