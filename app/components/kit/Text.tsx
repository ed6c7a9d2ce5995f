import { Link, type AppPath } from "~/components/kit/Link";
import type { ReactNode } from "react";

/** The back link above a page heading. */
export function BackLink({ to, children }: { to: AppPath; children: ReactNode }) {
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

/** NHS inset text: a note set apart from the text around it. `status` announces it, as when it reports a result. */
export function InsetText({ status = false, children }: { status?: boolean; children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text" role={status ? "status" : undefined}>
      {children}
    </div>
  );
}

/** A paragraph in one of the NHS body sizes: `s` for a note beside the main text, `l` for a figure that leads. */
export function Body({ size, children }: { size: "s" | "l"; children: ReactNode }) {
  return <p className={`nhsuk-body-${size}`}>{children}</p>;
}

/** The NHS lede: the opening paragraph that says what the page is for. */
export function Lede({ children }: { children: ReactNode }) {
  return <p className="nhsuk-lede-text">{children}</p>;
}

export type HeadingLevel = 2 | 3;
export type HeadingSize = "xl" | "l" | "m" | "s" | "xs";

/**
 * A heading that looks smaller or larger than its level: the level keeps the page's outline in order, the size sets
 * its look. `visuallyHidden` names a section for screen readers only.
 */
export function Heading({
  level,
  size,
  visuallyHidden = false,
  id,
  children,
}: {
  level: HeadingLevel;
  size?: HeadingSize;
  visuallyHidden?: boolean;
  id?: string;
  children: ReactNode;
}) {
  const Element = level === 2 ? "h2" : "h3";
  const className = [size && `nhsuk-heading-${size}`, visuallyHidden && "nhsuk-u-visually-hidden"]
    .filter(Boolean)
    .join(" ");
  return (
    <Element id={id} className={className || undefined}>
      {children}
    </Element>
  );
}

/** A list without bullets, as NHS pages list links. `mono` sets codes the reader copies in a fixed-width font. */
export function PlainList({
  mono = false,
  testId,
  children,
}: {
  mono?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <ul className={mono ? "nhsuk-list app-mono" : "nhsuk-list"} data-testid={testId}>
      {children}
    </ul>
  );
}

/** A numbered list, for steps taken in order. */
export function NumberedList({ children }: { children: ReactNode }) {
  return <ol className="nhsuk-list nhsuk-list--number">{children}</ol>;
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
