import type { Freshness } from "~/domain/figures";
import { formatDate } from "~/domain/format";
import { WarningCallout } from "~/components/kit/WarningCallout";

/** Says so when the figures below are the stored ones while they are being brought up to date, and as of when. */
export function FiguresFreshness({ freshness }: { freshness: Freshness }) {
  if (freshness.upToDate) return null;
  return (
    <WarningCallout title="These figures are being brought up to date">
      {freshness.reason === "time" ? (
        <p>
          They count every record, but not yet what has changed with time alone since {formatDate(freshness.asOf)}:
          training that has expired since, supervision that has fallen due, or a new appraisal year. That is being
          counted now.
        </p>
      ) : (
        <p>
          They were worked out under the training requirements and settings in use before the last change, the oldest of
          them on {formatDate(freshness.asOf)}, and are being worked out again now.
        </p>
      )}
      <p>Reload this page in a few minutes to see the up-to-date figures.</p>
    </WarningCallout>
  );
}
