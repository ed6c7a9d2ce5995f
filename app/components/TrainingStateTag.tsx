import type { TrainingState } from "~/domain/training-status";
import { trainingStateLabel } from "~/domain/vocabulary";
import { StateTag, Tag } from "./kit/Tag";

/** Recommended training nobody has done is a suggestion, not a gap: it never reads "Missing". */
export function TrainingStateTag({ state, required = true }: { state: TrainingState; required?: boolean }) {
  if (!required && state === "missing") return <Tag colour="white">{trainingStateLabel(state, required)}</Tag>;
  return <StateTag kind="training" state={state} />;
}

/** Chart segment classes for each state, so the compliance chart uses the same colours as the tags. */
export const TRAINING_STATE_FILLS: Record<TrainingState, string> = {
  valid: "app-chart-fill--valid",
  "expiring-soon": "app-chart-fill--expiring",
  "in-progress": "app-chart-fill--progress",
  expired: "app-chart-fill--expired",
  missing: "app-chart-fill--missing",
};
