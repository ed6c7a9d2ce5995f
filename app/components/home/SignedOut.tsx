import { ButtonLink } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";
import { Lede } from "~/components/kit/Text";

/** The home page before signing in: what the service is for, and the way in. */
export function SignedOut() {
  return (
    <Row>
      <Column width="two-thirds">
        <h1>Care Portfolio</h1>
        <Lede>
          Keep the competency portfolio, training and CPD of care coordinators, health and wellbeing coaches and social
          prescribing link workers in one place.
        </Lede>
        <ul>
          <li>
            Staff record evidence against the four areas of the competency framework, their training and their CPD.
          </li>
          <li>Supervisors review evidence, record supervision and sign off competencies.</li>
          <li>PCN leads check training compliance and readiness to take referrals.</li>
        </ul>
        <ButtonLink to="/sign-in">Sign in</ButtonLink>
      </Column>
    </Row>
  );
}
