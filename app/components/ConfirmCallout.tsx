import type { ReactNode } from "react";
import { Link, type AppPath } from "~/components/kit/Link";
import { ButtonGroup, PostButton } from "~/components/kit/Button";
import { WarningCallout } from "~/components/kit/WarningCallout";

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
  cancelTo: AppPath;
  children: ReactNode;
}) {
  return (
    <WarningCallout title={title} alert>
      {children}
      <ButtonGroup>
        <PostButton fields={{ intent, confirm: "yes" }} variant="warning">
          {confirmLabel}
        </PostButton>
        <Link className="nhsuk-link" to={cancelTo}>
          Cancel
        </Link>
      </ButtonGroup>
    </WarningCallout>
  );
}
