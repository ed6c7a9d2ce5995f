/**
 * How close a person is to a development pathway (ADR 0021): each competency it asks for is met by a rating their
 * supervisor has confirmed at the level asked or above (a self-rating never counts), each piece of training by a
 * completed record still in date. What is not met is either already in their plan (an open goal works on that
 * competency or names that training) or missing, and missing pieces become goals in one step.
 */
import { bestRecord, type TrainingRecord } from "./readiness";
import { currentRatings, type RatingRecord } from "./self-assessment";
import type { TrainingState } from "./training-status";
import type { PathwayPieceState } from "./vocabulary";

/** What a pathway asks for, as the content states it. */
export interface PathwayAsks {
  id: string;
  competencies: readonly { competencyId: string; level: string }[];
  training: readonly string[];
}

/** What the person's open goals already work on. */
export interface PlanCoverage {
  competencyIds: ReadonlySet<string>;
  trainingIds: ReadonlySet<string>;
}

export interface PersonFacts {
  ratings: readonly RatingRecord[];
  training: readonly TrainingRecord[];
  plan: PlanCoverage;
}

export interface PathwayRules {
  /** The proficiency scale's level ids, lowest first. */
  levels: readonly string[];
  /** Renewal periods of the catalogue's training, by id. */
  requirements: ReadonlyMap<string, { id: string; renewalMonths: number | null }>;
  today: string;
  /** How many days before expiry training counts as expiring soon (still met). */
  warningDays?: number;
}

export type PieceState = PathwayPieceState;

export type PathwayPiece =
  | {
      kind: "competency";
      competencyId: string;
      level: string;
      /** The latest confirmed level, and the latest self-rated level (shown beside it, never counted). */
      confirmedLevel: string | null;
      selfLevel: string | null;
      state: PieceState;
    }
  | { kind: "training"; requirementId: string; trainingState: TrainingState; state: PieceState };

export interface PathwayProgress {
  pathwayId: string;
  pieces: PathwayPiece[];
  met: number;
  total: number;
}

const MET_TRAINING: readonly TrainingState[] = ["valid", "expiring-soon"];

/** Whether a confirmed level reaches the level asked for; a level the scale no longer has reaches nothing. */
export function reachesLevel(levels: readonly string[], confirmed: string | null, asked: string): boolean {
  const rank = confirmed === null ? -1 : levels.indexOf(confirmed);
  return rank >= 0 && rank >= levels.indexOf(asked);
}

const stateOf = (met: boolean, planned: boolean): PieceState => (met ? "met" : planned ? "planned" : "missing");

/** Each pathway's pieces with whether each is met, planned or missing, in the order the content lists them. */
export function pathwaysProgress(
  pathways: readonly PathwayAsks[],
  facts: PersonFacts,
  rules: PathwayRules,
): PathwayProgress[] {
  const ratings = currentRatings(facts.ratings);
  const trainingState = (requirementId: string): TrainingState => {
    const requirement = rules.requirements.get(requirementId) ?? { id: requirementId, renewalMonths: null };
    return bestRecord(requirement, facts.training, rules.today, rules.warningDays)?.state ?? "missing";
  };
  return pathways.map((pathway) => {
    const pieces: PathwayPiece[] = [
      ...pathway.competencies.map(({ competencyId, level }) => {
        const current = ratings.get(competencyId);
        const confirmedLevel = current?.confirmed?.level ?? null;
        const met = reachesLevel(rules.levels, confirmedLevel, level);
        return {
          kind: "competency" as const,
          competencyId,
          level,
          confirmedLevel,
          selfLevel: current?.self?.level ?? null,
          state: stateOf(met, facts.plan.competencyIds.has(competencyId)),
        };
      }),
      ...pathway.training.map((requirementId) => {
        const state = trainingState(requirementId);
        return {
          kind: "training" as const,
          requirementId,
          trainingState: state,
          state: stateOf(MET_TRAINING.includes(state), facts.plan.trainingIds.has(requirementId)),
        };
      }),
    ];
    return {
      pathwayId: pathway.id,
      pieces,
      met: pieces.filter((p) => p.state === "met").length,
      total: pieces.length,
    };
  });
}

/** One goal per missing piece, in the words the person's plan shows. */
export interface GoalDraft {
  title: string;
  reason: string;
  competencyIds: string[];
  methods: ("training" | "supervision")[];
  trainingRequirementId: string | null;
  howDetails: null;
  targetDate: string;
}

export interface PieceNames {
  pathway: string;
  competency: (id: string) => string;
  level: (id: string) => string;
  training: (id: string) => string;
}

/**
 * The goals that would add a pathway's missing pieces to the plan: reaching a level in a competency (worked on in
 * supervision) or completing a piece of training from the catalogue. Met and planned pieces add nothing, so asking
 * twice adds nothing the second time.
 */
export function goalsForMissing(progress: PathwayProgress, names: PieceNames, targetDate: string): GoalDraft[] {
  return progress.pieces
    .filter((piece) => piece.state === "missing")
    .map((piece) =>
      piece.kind === "competency"
        ? {
            title: `Reach "${names.level(piece.level)}" in ${names.competency(piece.competencyId)}`,
            reason: `The ${names.pathway} route asks for this competency at "${names.level(piece.level)}" or above, confirmed by a supervisor.`,
            competencyIds: [piece.competencyId],
            methods: ["supervision"],
            trainingRequirementId: null,
            howDetails: null,
            targetDate,
          }
        : {
            title: `Complete ${names.training(piece.requirementId)}`,
            reason: `The ${names.pathway} route asks for this training.`,
            competencyIds: [],
            methods: ["training"],
            trainingRequirementId: piece.requirementId,
            howDetails: null,
            targetDate,
          },
    );
}

/** Whether an open goal already works on what this draft would: the same training, or one of the same competencies. */
export function alreadyPlanned(draft: Pick<GoalDraft, "competencyIds" | "trainingRequirementId">, plan: PlanCoverage) {
  return draft.trainingRequirementId !== null
    ? plan.trainingIds.has(draft.trainingRequirementId)
    : draft.competencyIds.some((id) => plan.competencyIds.has(id));
}
