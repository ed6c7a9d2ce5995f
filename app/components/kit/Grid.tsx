import type { ReactNode } from "react";

/** The NHS grid's column widths. */
export type ColumnWidth = "full" | "three-quarters" | "two-thirds" | "one-half" | "one-third" | "one-quarter";

/** A row of the NHS grid: its columns sit side by side on a wide screen and stack on a narrow one. */
export function Row({ children }: { children: ReactNode }) {
  return <div className="nhsuk-grid-row">{children}</div>;
}

/** A column of the NHS grid. A form or a page of text sits in two-thirds, so its lines stay short enough to read. */
export function Column({ width, children }: { width: ColumnWidth; children: ReactNode }) {
  return <div className={`nhsuk-grid-column-${width}`}>{children}</div>;
}
