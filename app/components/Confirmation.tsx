import type { ReactNode } from "react";

/** What just happened, announced to screen readers as it appears; focus moves here after the form posts. */
export function Confirmation({ message, children }: { message: string | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="nhsuk-inset-text" role="status" data-confirmation tabIndex={-1}>
      <p>{message}</p>
      {children}
    </div>
  );
}
