import type { ReactNode } from "react";

/** What just happened, announced to screen readers as it appears. */
export function Confirmation({ message, children }: { message: string | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="nhsuk-inset-text" role="status">
      <p>{message}</p>
      {children}
    </div>
  );
}
