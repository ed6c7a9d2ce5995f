import { Link } from "~/components/kit/Link";
import { ProgressBar } from "~/components/ProgressBar";
import { Heading } from "~/components/kit/Text";
import { StateTag } from "~/components/kit/Tag";
import type { InductionStatus } from "~/domain/induction";
import { formatDate } from "~/domain/format";

export interface InductionSummary {
  personId: number;
  settingTitle: string;
  done: number;
  total: number;
  dueOn: string;
  status: InductionStatus;
}

/** A new starter's induction at a glance, on their page and home page for the first months. */
export function InductionProgress({
  induction,
  own,
  linked = true,
}: {
  induction: InductionSummary;
  own: boolean;
  /** False on the checklist page itself. */
  linked?: boolean;
}) {
  return (
    <section aria-labelledby="induction-progress" data-testid="induction-progress">
      <Heading level={2} id="induction-progress">
        {own ? "Your induction" : "Induction"}
      </Heading>
      <p>
        <StateTag kind="induction" state={induction.status} />{" "}
        {induction.status === "complete" ? "Every item is done." : `Due by ${formatDate(induction.dueOn)}.`}
      </p>
      <ProgressBar label={induction.settingTitle} value={induction.done} total={induction.total} unit="done" />
      {linked ? (
        <p>
          <Link to={`/people/${induction.personId}/induction`}>
            {own ? "Your induction checklist" : "Induction checklist"}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
