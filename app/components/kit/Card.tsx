import { Link, type AppPath } from "~/components/kit/Link";
import type { ReactNode } from "react";

/** NHS card: a heading and a few lines; `warning` for something that needs action. */
export function Card({
  heading,
  warning = false,
  testId,
  children,
}: {
  heading: ReactNode;
  warning?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={`nhsuk-card${warning ? " nhsuk-card--warning" : ""}`} data-testid={testId}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">{heading}</h2>
        {children}
      </div>
    </div>
  );
}

/** A paragraph in a card. */
export function CardText({ children }: { children: ReactNode }) {
  return <p className="nhsuk-card__description">{children}</p>;
}

/** A card that is one link, such as how many things wait for the reader: the link is its heading. */
export function LinkCard({ to, children }: { to: AppPath; children: ReactNode }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <p className="nhsuk-card__heading nhsuk-heading-m">
          <Link className="nhsuk-card__link" to={to}>
            {children}
          </Link>
        </p>
      </div>
    </div>
  );
}
