import { COMPETENCY_STATUS_LABELS, EVIDENCE_STATUS_LABELS } from "~/domain/vocabulary";

const EVIDENCE_COLOURS: Record<keyof typeof EVIDENCE_STATUS_LABELS, string> = {
  draft: "grey",
  submitted: "blue",
  returned: "orange",
  accepted: "green",
};

const COMPETENCY_COLOURS: Record<keyof typeof COMPETENCY_STATUS_LABELS, string> = {
  "not-started": "grey",
  developing: "blue",
  "signed-off": "green",
  withdrawn: "red",
};

/** The status of the version shown, and, when the owner has changed it since, that changes are in progress. */
export function EvidenceStatusTag({
  status,
  changesInProgress = false,
}: {
  status: keyof typeof EVIDENCE_STATUS_LABELS;
  changesInProgress?: boolean;
}) {
  const tag = (
    <strong className={`nhsuk-tag nhsuk-tag--${EVIDENCE_COLOURS[status]}`}>{EVIDENCE_STATUS_LABELS[status]}</strong>
  );
  if (!changesInProgress) return tag;
  return (
    <>
      {tag} <strong className="nhsuk-tag nhsuk-tag--grey">Changes in progress</strong>
    </>
  );
}

export function CompetencyStatusTag({ status }: { status: keyof typeof COMPETENCY_STATUS_LABELS }) {
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${COMPETENCY_COLOURS[status]}`}>{COMPETENCY_STATUS_LABELS[status]}</strong>
  );
}
