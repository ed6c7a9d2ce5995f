import type { TrainingState } from "~/domain/training-status";

export const TRAINING_STATE_LABELS: Record<TrainingState, string> = {
  valid: "Valid",
  "expiring-soon": "Expiring soon",
  "in-progress": "In progress",
  expired: "Expired",
  missing: "Missing",
};

/** Best to worst, the order tables and charts list them in. */
export const TRAINING_STATES = Object.keys(TRAINING_STATE_LABELS) as TrainingState[];

const COLOURS: Record<TrainingState, string> = {
  valid: "green",
  "expiring-soon": "yellow",
  "in-progress": "blue",
  expired: "red",
  missing: "grey",
};

/** Recommended training nobody has done is a suggestion, not a gap: it never reads "Missing". */
export function TrainingStateTag({ state, required = true }: { state: TrainingState; required?: boolean }) {
  if (!required && state === "missing") return <strong className="nhsuk-tag nhsuk-tag--white">Recommended</strong>;
  return <strong className={`nhsuk-tag nhsuk-tag--${COLOURS[state]}`}>{TRAINING_STATE_LABELS[state]}</strong>;
}

/** Chart segment classes for each state, so the compliance chart uses the same colours as the tags. */
export const TRAINING_STATE_FILLS: Record<TrainingState, string> = {
  valid: "app-chart-fill--valid",
  "expiring-soon": "app-chart-fill--expiring",
  "in-progress": "app-chart-fill--progress",
  expired: "app-chart-fill--expired",
  missing: "app-chart-fill--missing",
};
