import { useId, type ReactNode } from "react";

interface TableProps {
  /** What the table holds; it also names the scrolling region for screen readers moving between regions. */
  caption: ReactNode;
  /** For a table whose heading or result count already says what it is. */
  captionHidden?: boolean;
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
export function Table({ caption, captionHidden = false, className, testId, children }: TableProps) {
  const captionId = useId();
  return (
    <>
      <p className="app-table-scroll__cue nhsuk-body-s" aria-hidden="true">
        Scroll sideways to see the whole table
      </p>
      <div className="app-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className={`nhsuk-table${className ? ` ${className}` : ""}`} data-testid={testId}>
          <caption
            className={`nhsuk-table__caption nhsuk-table__caption--s${captionHidden ? " nhsuk-u-visually-hidden" : ""}`}
            id={captionId}
          >
            {caption}
          </caption>
          {children}
        </table>
      </div>
    </>
  );
}

/**
 * How many results a filter found, read out when it changes (the region stays in the page between filters). With
 * `moreThan`, the count stopped at `count`: "More than 10,000 entries".
 */
export function ResultCount(props: { count: number; one: string; many: string; moreThan?: boolean }) {
  const { count, one, many, moreThan } = props;
  return (
    <p className="nhsuk-body nhsuk-u-font-weight-bold" role="status" data-testid="result-count">
      {moreThan ? (
        `More than ${count.toLocaleString("en-GB")} ${many}`
      ) : (
        <>
          {count} {count === 1 ? one : many}
        </>
      )}
    </p>
  );
}

/** A column's heading; `{ numeric: heading }` for a column of figures, set right; `false` leaves the column out. */
export type TableColumn = ReactNode | { numeric: ReactNode };

/** The table's heading row, one `<th scope="col">` per column. */
export function TableHead({ columns }: { columns: TableColumn[] }) {
  return (
    <thead className="nhsuk-table__head">
      <tr>
        {columns.map((column, i) =>
          column === false ? null : typeof column === "object" && column !== null && "numeric" in column ? (
            <th scope="col" className="nhsuk-table__header--numeric" key={i}>
              {column.numeric}
            </th>
          ) : (
            <th scope="col" key={i}>
              {column}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** The table's rows. */
export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="nhsuk-table__body">{children}</tbody>;
}

/** A figure in a table, set right so that its digits line up with the ones above and below. */
export function NumericCell({ children }: { children: ReactNode }) {
  return <td className="nhsuk-table__cell--numeric">{children}</td>;
}
