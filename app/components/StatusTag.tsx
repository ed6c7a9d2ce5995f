import type { CompetencyStatus, EvidenceState } from "~/domain/evidence-workflow";
import { StateTag, Tag } from "./kit/Tag";

/** The status of the version shown, and, when the owner has changed it since, that changes are in progress. */
export function EvidenceStatusTag({
  status,
  changesInProgress = false,
}: {
  status: EvidenceState;
  changesInProgress?: boolean;
}) {
  const tag = <StateTag kind="evidence" state={status} />;
  if (!changesInProgress) return tag;
  return (
    <>
      {tag} <Tag colour="grey">Changes in progress</Tag>
    </>
  );
}

export function CompetencyStatusTag({ status }: { status: CompetencyStatus }) {
  return <StateTag kind="competency" state={status} />;
}
