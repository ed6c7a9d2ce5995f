import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";

/**
 * Asks again before an action that signs someone out or weakens their account: what will happen, a button that
 * posts the same intent with confirm=yes, and a way back.
 */
export function ConfirmCallout({
  title,
  intent,
  confirmLabel,
  cancelTo,
  children,
}: {
  title: string;
  intent: string;
  confirmLabel: string;
  cancelTo: string;
  children: ReactNode;
}) {
  return (
    <div className="nhsuk-warning-callout" role="alert">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title}
        </span>
      </h2>
      {children}
      <div className="nhsuk-button-group">
        <Form method="post">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="confirm" value="yes" />
          <button className="nhsuk-button nhsuk-button--warning" type="submit">
            {confirmLabel}
          </button>
        </Form>
        <Link className="nhsuk-link" to={cancelTo}>
          Cancel
        </Link>
      </div>
    </div>
  );
}
