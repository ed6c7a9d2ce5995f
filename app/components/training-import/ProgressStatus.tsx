/**
 * What is happening while a slow form is sent and answered (a large file uploads, is read and checked, or is
 * imported). The live region is on the page from the start, so screen readers announce the words when they appear.
 */
export function ProgressStatus({ id, busy, label }: { id: string; busy: boolean; label: string }) {
  return (
    <div role="status" data-testid={`${id}-status`}>
      {busy ? (
        <div className="nhsuk-u-margin-bottom-4">
          <label className="nhsuk-label" htmlFor={id}>
            {label}
          </label>
          <progress id={id} />
        </div>
      ) : null}
    </div>
  );
}
