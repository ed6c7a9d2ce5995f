import type { ReactNode } from "react";
import type { InductionStatus } from "~/domain/induction";
import type { SupervisionState } from "~/domain/supervision-cadence";
import type { TrainingState } from "~/domain/training-status";
import {
  APPRAISAL_STATUS_LABELS,
  COMPETENCY_STATUS_LABELS,
  EVIDENCE_STATUS_LABELS,
  GOAL_STATUS_LABELS,
  INDUCTION_STATUS_LABELS,
  MEETING_STATUS_LABELS,
  PATHWAY_PIECE_LABELS,
  RATING_STATUS_LABELS,
  READINESS_LABELS,
  SUPERVISION_STATE_LABELS,
  TRAINING_STATE_LABELS,
  type AppraisalStatus,
  type CompetencyStatus,
  type EvidenceState,
  type GoalStatus,
  type MeetingStatus,
  type PathwayPieceState,
  type RatingState,
  type ReadinessState,
} from "~/domain/vocabulary";

/** The NHS design system's tag colours. */
export type TagColour =
  "white" | "grey" | "green" | "aqua-green" | "blue" | "purple" | "pink" | "red" | "orange" | "yellow";

/** Every state the app shows as a tag, by what it is the state of. */
interface TaggedStates {
  evidence: EvidenceState;
  competency: CompetencyStatus;
  training: TrainingState;
  readiness: ReadinessState;
  supervision: SupervisionState;
  meeting: MeetingStatus;
  rating: RatingState;
  goal: GoalStatus;
  pathwayPiece: PathwayPieceState;
  induction: InductionStatus;
  appraisal: AppraisalStatus;
}
export type TagKind = keyof TaggedStates;

/**
 * The one colour map: green is done or fine, blue is under way, yellow needs attention soon, orange and red need
 * it now, grey has not started.
 */
const COLOURS: { [K in TagKind]: Record<TaggedStates[K], TagColour> } = {
  evidence: { draft: "grey", submitted: "blue", returned: "orange", accepted: "green" },
  competency: { "not-started": "grey", developing: "blue", "signed-off": "green", withdrawn: "red" },
  training: { valid: "green", "expiring-soon": "yellow", "in-progress": "blue", expired: "red", missing: "grey" },
  readiness: { ready: "green", "pending-verification": "yellow", "not-ready": "red" },
  supervision: { ok: "green", "due-soon": "yellow", overdue: "red", "no-supervisor": "red" },
  meeting: { pending: "yellow", confirmed: "green", disputed: "red" },
  rating: { "self-rated": "grey", "awaiting-confirmation": "yellow", confirmed: "green", returned: "orange" },
  goal: {
    "not-started": "grey",
    "in-progress": "blue",
    achieved: "green",
    "carried-forward": "purple",
    dropped: "white",
  },
  pathwayPiece: { met: "green", planned: "blue", missing: "grey" },
  induction: { complete: "green", "in-progress": "blue", "due-soon": "yellow", overdue: "red" },
  appraisal: { draft: "grey", "awaiting-person": "yellow", confirmed: "green" },
};

const LABELS: { [K in TagKind]: Record<TaggedStates[K], string> } = {
  evidence: EVIDENCE_STATUS_LABELS,
  competency: COMPETENCY_STATUS_LABELS,
  training: TRAINING_STATE_LABELS,
  readiness: READINESS_LABELS,
  supervision: SUPERVISION_STATE_LABELS,
  meeting: MEETING_STATUS_LABELS,
  rating: RATING_STATUS_LABELS,
  goal: GOAL_STATUS_LABELS,
  pathwayPiece: PATHWAY_PIECE_LABELS,
  induction: INDUCTION_STATUS_LABELS,
  appraisal: APPRAISAL_STATUS_LABELS,
};

/** A tag with words of its own, such as "Deactivated". */
export function Tag({ colour, children }: { colour: TagColour; children: ReactNode }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{children}</strong>;
}

/** A state in its words and colour: `<StateTag kind="training" state="expired" />` reads "Expired", in red. */
export function StateTag<K extends TagKind>({ kind, state }: { kind: K; state: TaggedStates[K] }) {
  return <Tag colour={COLOURS[kind][state]}>{LABELS[kind][state]}</Tag>;
}
