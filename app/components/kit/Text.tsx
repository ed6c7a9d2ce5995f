import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The back link above a page heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link className="nhsuk-back-link" to={to}>
      {children}
    </Link>
  );
}

/** The page's h1, with the caption above it saying whose record or which part of the service it is. */
export function PageHeading({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <>
      {caption !== undefined ? <span className="nhsuk-caption-l">{caption}</span> : null}
      <h1>{children}</h1>
    </>
  );
}

/** Words for screen readers only, such as which row a "Change" link is for. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="nhsuk-u-visually-hidden">{children}</span>;
}

/** NHS inset text: a note set apart from the text around it. */
export function InsetText({ children }: { children: ReactNode }) {
  return <div className="nhsuk-inset-text">{children}</div>;
}

/** A list without bullets, as NHS pages list links. */
export function PlainList({ children }: { children: ReactNode }) {
  return <ul className="nhsuk-list">{children}</ul>;
}

/** NHS details: a summary the reader opens to see more. */
export function Details({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}
