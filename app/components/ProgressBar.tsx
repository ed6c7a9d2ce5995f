/** A labelled bar for "n of total": the numbers are in the text, the bar is for scanning. */
export function ProgressBar({
  label,
  value,
  total,
  unit = "signed off",
}: {
  label: string;
  value: number;
  total: number;
  /** What the figure counts, after "n of total". */
  unit?: string;
}) {
  const share = total === 0 ? 0 : value / total;
  return (
    <div className="app-progress">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        {label}:{" "}
        <strong>
          {value} of {total}
        </strong>{" "}
        {unit}
      </p>
      <svg
        className="app-bar-chart"
        viewBox="0 0 100 4"
        preserveAspectRatio="none"
        height="16"
        aria-hidden="true"
        focusable="false"
      >
        <rect className="app-bar-track" x="0" y="0" width="100" height="4" />
        <rect className="app-bar-fill" x="0" y="0" width={Math.round(share * 1000) / 10} height="4" />
      </svg>
    </div>
  );
}
