import { useId, type ReactNode } from "react";
import type { Flash } from "~/lib/flash";

/**
 * NHS success notification banner: what just happened, announced as it appears (role="alert"). Focus moves here
 * after a post (useFocusAfterNavigation looks for data-confirmation).
 */
export function NotificationBanner({ message, children }: { message: string; children?: ReactNode }) {
  const titleId = useId();
  return (
    <div
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      data-confirmation
      tabIndex={-1}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
        {children}
      </div>
    </div>
  );
}

/** The banner for a flash message left by the post before the redirect that brought the reader here. */
export function FlashBanner({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <NotificationBanner message={flash.message}>
      {flash.detail ? <p>{flash.detail}</p> : null}
      {flash.copy ? (
        <p className="app-mono" data-testid={flash.copy.testId}>
          {flash.copy.text}
        </p>
      ) : null}
    </NotificationBanner>
  );
}
