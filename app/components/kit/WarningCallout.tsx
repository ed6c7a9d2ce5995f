import type { ReactNode } from "react";

/**
 * NHS warning callout. `alert` announces it as it appears (when a post asks the reader to confirm something);
 * `level` keeps the heading in order with the page around it.
 */
export function WarningCallout({
  title,
  level = 2,
  alert = false,
  children,
}: {
  title: string;
  level?: 2 | 3;
  alert?: boolean;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="nhsuk-warning-callout" role={alert ? "alert" : undefined}>
      <Heading className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title}
        </span>
      </Heading>
      {children}
    </div>
  );
}
