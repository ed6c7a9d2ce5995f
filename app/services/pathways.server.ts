/**
 * The development pathways pages (ADR 0021): how close a person is to each route the content describes, and adding
 * a route's missing pieces to their development plan as goals in one step.
 */
import { appraisalYearOfDate, requirementsById } from "~/content/compliance-rules.server";
import { competencyTitles } from "~/content/framework.server";
import { getContent, type Pathway } from "~/content/index.server";
import { goalsForMissing, pathwaysProgress, type PathwayPiece } from "~/domain/pathways";
import { canAddPathwayGoals, developmentRoleOf, type Viewer } from "~/domain/permissions";
import { addCalendarMonths, todayInLondon } from "~/domain/training-status";
import { TRAINING_STATE_LABELS } from "~/domain/vocabulary";
import { env } from "~/lib/env.server";
import type { Executor } from "~/models/audit.server";
import { addGoalsUnlessPlanned, planCoverage } from "~/models/goals.server";
import { ratingsOf } from "~/models/ratings.server";
import { trainingRecordsOf } from "~/models/training.server";
import type { Actor } from "~/models/user.server";

interface PersonRef {
  id: number;
  pcnId: number | null;
}

const today = () => todayInLondon(new Date());
const pathwaysInContent = () => getContent().pathways.pathways;
/** The target date the form suggests for the new goals: six months ahead, which the person can change. */
export const suggestedTargetDate = () => addCalendarMonths(today(), 6);

/** Where the person stands on each of these pathways, from their ratings, training and open goals. */
async function progressOf(db: Executor, personId: number, pathways: readonly Pathway[]) {
  const facts = {
    ratings: await ratingsOf(db, personId),
    training: await trainingRecordsOf(db, [personId]),
    plan: await planCoverage(db, personId),
  };
  const levels = getContent().proficiencyScale.levels.map((l) => l.id);
  const rules = { levels, requirements: requirementsById(), today: today(), warningDays: env().EXPIRY_WARNING_DAYS };
  return pathwaysProgress(pathways, facts, rules);
}

/** The words the pages and new goals use for a pathway's pieces. */
function pieceNames(pathway: Pathway) {
  const titles = competencyTitles();
  const levels = getContent().proficiencyScale.levels;
  return {
    pathway: pathway.title,
    competency: (id: string) => titles[id] ?? "A competency no longer in the framework",
    level: (id: string) => levels.find((l) => l.id === id)?.title ?? id,
    training: (id: string) => requirementsById().get(id)?.title ?? id,
  };
}

/** Every pathway with how many of its pieces the person meets and has planned: the overview page. */
export async function pathwaysOverviewFor(db: Executor, viewer: Viewer, person: PersonRef) {
  const pathways = pathwaysInContent();
  const progress = await progressOf(db, person.id, pathways);
  return {
    role: developmentRoleOf(viewer, person),
    pathways: pathways.map((pathway, i) => ({
      id: pathway.id,
      title: pathway.title,
      kind: pathway.kind,
      met: progress[i]!.met,
      planned: progress[i]!.pieces.filter((p) => p.state === "planned").length,
      total: progress[i]!.total,
    })),
  };
}

function describePiece(piece: PathwayPiece, names: ReturnType<typeof pieceNames>) {
  if (piece.kind === "training")
    return {
      key: `training-${piece.requirementId}`,
      what: names.training(piece.requirementId),
      asks: "Completed and in date",
      now: TRAINING_STATE_LABELS[piece.trainingState],
      state: piece.state,
    };
  const self = piece.selfLevel && piece.selfLevel !== piece.confirmedLevel ? names.level(piece.selfLevel) : null;
  return {
    key: `competency-${piece.competencyId}`,
    what: names.competency(piece.competencyId),
    asks: `${names.level(piece.level)} or above, confirmed by a supervisor`,
    now: `${piece.confirmedLevel ? `Confirmed: ${names.level(piece.confirmedLevel)}` : "No confirmed rating"}${self ? ` (self-rated: ${self})` : ""}`,
    state: piece.state,
  };
}

/** One pathway, each piece with where the person stands; undefined for a pathway the content does not have. */
export async function pathwayFor(db: Executor, viewer: Viewer, person: PersonRef, pathwayId: string) {
  const pathway = pathwaysInContent().find((p) => p.id === pathwayId);
  if (!pathway) return undefined;
  const [progress] = await progressOf(db, person.id, [pathway]);
  const names = pieceNames(pathway);
  const { id, title, kind, description, source, setLocally } = pathway;
  return {
    role: developmentRoleOf(viewer, person),
    canAdd: canAddPathwayGoals(viewer, person),
    pathway: { id, title, kind, description, source, setLocally },
    met: progress!.met,
    total: progress!.total,
    missing: progress!.pieces.filter((p) => p.state === "missing").length,
    pieces: progress!.pieces.map((piece) => describePiece(piece, names)),
  };
}

/**
 * Adds a goal for each missing piece of the pathway to the person's plan, due on the target date: the model leaves
 * out any an open goal already covers, so a second request adds nothing. Undefined for an unknown pathway.
 */
export async function addPathwayGoals(
  db: Executor,
  person: PersonRef,
  pathwayId: string,
  targetDate: string,
  actor: Actor & { id: number },
) {
  const pathway = pathwaysInContent().find((p) => p.id === pathwayId);
  if (!pathway) return undefined;
  const [progress] = await progressOf(db, person.id, [pathway]);
  const drafts = goalsForMissing(progress!, pieceNames(pathway), targetDate);
  const added = await addGoalsUnlessPlanned(db, person, drafts, actor);
  return { added: added.length, year: appraisalYearOfDate(targetDate).label };
}
