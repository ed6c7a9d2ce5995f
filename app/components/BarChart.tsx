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

const WIDTH = 640;
const VALUE_WIDTH = 60;
const BAR_WIDTH = WIDTH - VALUE_WIDTH;
// Each row is its label on a line of its own, then the bar: long training titles stay whole and tell apart.
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + 10;
const MAX_LABEL = 90;

const segmentsOf = (row: BarRow): BarSegment[] => ("segments" in row ? row.segments : [{ value: row.value, className: "app-chart-fill" }]);
const totalOf = (row: BarRow) => segmentsOf(row).reduce((sum, s) => sum + s.value, 0);
const shorten = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

export function BarChart({ rows, legend, format = String }: Props) {
  if (rows.length === 0) return null;
  const max = Math.max(...rows.map(totalOf), 0) || 1;
  const height = rows.length * ROW_HEIGHT;
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
      <svg className="app-chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} focusable="false">
        {rows.map((row, i) => {
          const y = i * ROW_HEIGHT;
          const barY = y + LABEL_HEIGHT;
          let x = 0;
          return (
            <g key={`${row.label}-${i}`}>
              <text className="app-chart-label" x={0} y={y + LABEL_HEIGHT - 5}>
                {shorten(row.label)}
              </text>
              <rect className="app-chart-track" x={0} y={barY} width={BAR_WIDTH} height={BAR_HEIGHT} />
              {segmentsOf(row).map((segment, j) => {
                const width = (segment.value / max) * BAR_WIDTH;
                const rect = <rect key={j} className={segment.className} x={x} y={barY} width={width} height={BAR_HEIGHT} />;
                x += width;
                return rect;
              })}
              <text className="app-chart-label" x={BAR_WIDTH + 8} y={barY + BAR_HEIGHT / 2} dominantBaseline="middle">
                {format(totalOf(row))}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
