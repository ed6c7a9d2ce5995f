import type { ReactNode } from "react";

interface TableProps {
  /** What the table holds, for screen readers moving between regions: "Staff", "Audit entries". */
  label: string;
  caption?: ReactNode;
  className?: string;
  testId?: string;
  /** The thead and tbody. */
  children: ReactNode;
}

/**
 * An NHS table that never makes the page scroll sideways (WCAG 1.4.10): on a narrow screen it scrolls inside its own
 * box, which keyboard users can focus (Tab) and scroll with the arrow keys. Shadows at its edges and a line above it
 * show there is more to see.
 */
export function Table({ label, caption, className, testId, children }: TableProps) {
  return (
    <>
      <p className="app-table-scroll__cue nhsuk-body-s" aria-hidden="true">
        Scroll sideways to see the whole table
      </p>
      <div className="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
        <table className={`nhsuk-table${className ? ` ${className}` : ""}`} data-testid={testId}>
          {caption ? <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption> : null}
          {children}
        </table>
      </div>
    </>
  );
}

/** How many results a filter found, read out when it changes (the region stays in the page between filters). */
export function ResultCount({ count, one, many }: { count: number; one: string; many: string }) {
  return (
    <p className="nhsuk-body nhsuk-u-font-weight-bold" role="status" data-testid="result-count">
      {count} {count === 1 ? one : many}
    </p>
  );
}
