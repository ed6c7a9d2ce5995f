import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/lib/page-title";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("About") }];

export default function About() {
  return (
    <Row>
      <Column width="two-thirds">
        <h1>About Care Portfolio</h1>
        <p>
          Care Portfolio is open-source software that Primary Care Networks run themselves to keep the competency and
          continuing professional development portfolios of their personalised care staff.
        </p>
        <p>
          The competency framework, job roles and training requirements it uses are content files that each deployment
          can review and update without changing the software.
        </p>
      </Column>
    </Row>
  );
}
