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

export function EvidenceStatusTag({ status }: { status: keyof typeof EVIDENCE_STATUS_LABELS }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${EVIDENCE_COLOURS[status]}`}>{EVIDENCE_STATUS_LABELS[status]}</strong>;
}

export function CompetencyStatusTag({ status }: { status: keyof typeof COMPETENCY_STATUS_LABELS }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${COMPETENCY_COLOURS[status]}`}>{COMPETENCY_STATUS_LABELS[status]}</strong>;
}
