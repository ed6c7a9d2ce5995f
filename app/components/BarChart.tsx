/**
 * A horizontal bar chart drawn in SVG, one bar per row, plain or split into coloured segments. It is hidden from
 * assistive technology: every page that shows one also shows the same numbers in a table or text.
 * Colours come from CSS classes (the CSP allows no inline styles).
 */
export interface BarSegment {
  value: number;
  /** A class from app.css giving the segment its fill, e.g. "app-chart-fill--valid". */
  className: string;
}

export type BarRow = { label: string; value: number } | { label: string; segments: BarSegment[] };

interface Props {
  rows: BarRow[];
  /** Shown above the chart for segmented bars. */
  legend?: { label: string; className: string }[];
  /** Formats the total printed after each bar. */
  format?: (total: number) => string;
}

const MAX_LABEL = 90;

const segmentsOf = (row: BarRow): BarSegment[] =>
  "segments" in row ? row.segments : [{ value: row.value, className: "app-chart-fill" }];
const totalOf = (row: BarRow) => segmentsOf(row).reduce((sum, s) => sum + s.value, 0);
const shorten = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

/**
 * Each row is its label as text on a line of its own, then the bar and its total: the words stay at reading size on
 * any screen, and only the bar (an SVG stretched to the width, no inline styles for the CSP to block) scales.
 */
export function BarChart({ rows, legend, format = String }: Props) {
  if (rows.length === 0) return null;
  const max = Math.max(...rows.map(totalOf), 0) || 1;
  return (
    <div className="app-chart" aria-hidden="true">
      {legend ? (
        <ul className="app-chart-legend">
          {legend.map((item) => (
            <li key={item.label}>
              <svg width="14" height="14" focusable="false">
                <rect className={item.className} width="14" height="14" />
              </svg>{" "}
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="app-chart-rows">
        {rows.map((row, i) => {
          let x = 0;
          return (
            <li key={`${row.label}-${i}`}>
              <span className="app-chart-label">{shorten(row.label)}</span>
              <span className="app-chart-bar">
                <svg className="app-chart-svg" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                  <rect className="app-chart-track" x={0} y={0} width={100} height={10} />
                  {segmentsOf(row).map((segment, j) => {
                    const width = (segment.value / max) * 100;
                    const rect = <rect key={j} className={segment.className} x={x} y={0} width={width} height={10} />;
                    x += width;
                    return rect;
                  })}
                </svg>
                <span className="app-chart-value">{format(totalOf(row))}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
