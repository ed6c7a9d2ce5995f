import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/lib/page-title";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Accessibility statement") }];

/** The statement public sector services must publish (Public Sector Bodies Accessibility Regulations 2018). */
export default function AccessibilityStatement() {
  return (
    <Row>
      <Column width="two-thirds">
        <h1>Accessibility statement for Care Portfolio</h1>
        <p>
          Care Portfolio is run by the Primary Care Network (PCN) you work in. We want as many people as possible to be
          able to use it. You should be able to:
        </p>
        <ul>
          <li>zoom in up to 400% without the text spilling off the screen or the page scrolling sideways</li>
          <li>use every page with a keyboard alone</li>
          <li>use every page with a screen reader, including NVDA, JAWS and VoiceOver</li>
          <li>change colours, contrast and fonts in your browser</li>
        </ul>

        <h2>How accessible this service is</h2>
        <p>
          This service aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to level AA. It uses the
          NHS design system and is checked with automated tools and with a keyboard on every release.
        </p>
        <p>We know some parts are not fully accessible:</p>
        <ul>
          <li>
            the portfolio and compliance report PDFs are not tagged, so screen readers may read them in the wrong order
            or miss headings
          </li>
          <li>
            charts on the dashboard are pictures of the figures: the same figures are in the table under each chart
          </li>
          <li>
            on narrow screens some wide tables scroll sideways inside their own box rather than fitting the screen
          </li>
          <li>
            without JavaScript, the page title does not start with &ldquo;Error&rdquo; when a form comes back with
            problems, although the error summary at the top of the page lists them
          </li>
        </ul>

        <h2>Reporting accessibility problems</h2>
        <p>
          If you find a problem not listed here, or you need information in a different format, tell the administrator
          or lead of your PCN who runs Care Portfolio. Say which page you were on, what you were trying to do and what
          went wrong. They should reply within 10 working days.
        </p>
        <p>
          Problems in the software itself can also be reported to the open-source project so that every PCN gets the
          fix.
        </p>

        <h2>Enforcement procedure</h2>
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations. If
          you are not happy with how your complaint is handled, contact the Equality Advisory and Support Service
          (EASS).
        </p>

        <h2>Technical information about this statement</h2>
        <p>
          This statement was prepared on 26 November 2026. The service was tested with the axe accessibility checker,
          with the keyboard alone, and at a screen width of 320 pixels.
        </p>
      </Column>
    </Row>
  );
}
