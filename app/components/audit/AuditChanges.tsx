import type { AuditChange } from "~/domain/audit-words";

/** What an audit entry changed, folded away until asked for. */
export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (!changes.length) return <>No details recorded</>;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Show {changes.length === 1 ? "1 detail" : `${changes.length} details`}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <dl className="nhsuk-body-s app-audit-changes">
          {changes.map((c) => (
            <div key={c.label}>
              <dt>{c.label}</dt>
              <dd className="app-prewrap">
                {c.before !== null && c.after !== null
                  ? `${c.before} → ${c.after}`
                  : c.after !== null
                    ? c.after
                    : `${c.before} (removed)`}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
