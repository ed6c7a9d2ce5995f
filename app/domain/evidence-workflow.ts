/**
 * Evidence review: the owner writes and submits, a supervisor of the owner returns or accepts.
 * Accepted evidence is never changed; amending it starts a new draft version instead.
 */
import { EVIDENCE_STATUS_PHRASES, type CompetencyStatus, type EvidenceAction, type EvidenceState } from "./vocabulary";

export type { CompetencyStatus, EvidenceAction, EvidenceState };
/** Who is acting, relative to the evidence: its owner, a supervisor of the owner, or anyone else. */
export type Actor = "owner" | "reviewer" | "other";

export type TransitionResult = { ok: true; next: EvidenceState; newVersion: boolean } | { ok: false; reason: string };

interface Move {
  next: EvidenceState;
  newVersion: boolean;
}

interface Rule {
  by: "owner" | "reviewer";
  from: Partial<Record<EvidenceState, Move>>;
  /** How the action reads after "cannot be", e.g. "submitted". */
  done: string;
  needsComment?: true;
}

const to = (next: EvidenceState, newVersion = false): Move => ({ next, newVersion });

const RULES: Record<EvidenceAction, Rule> = {
  submit: { by: "owner", from: { draft: to("submitted"), returned: to("submitted") }, done: "submitted" },
  return: { by: "reviewer", from: { submitted: to("returned") }, done: "returned", needsComment: true },
  accept: { by: "reviewer", from: { submitted: to("accepted") }, done: "accepted" },
  // Amending returned evidence changes it in place; amending accepted evidence starts a new draft version.
  amend: { by: "owner", from: { returned: to("returned"), accepted: to("draft", true) }, done: "amended" },
  edit: { by: "owner", from: { draft: to("draft"), returned: to("returned") }, done: "edited" },
  withdraw: { by: "owner", from: { submitted: to("draft") }, done: "withdrawn" },
};

const ACTIONS = Object.keys(RULES) as EvidenceAction[];

function actorRefusal(action: EvidenceAction, actor: Actor): string | null {
  const { by } = RULES[action];
  if (by === actor) return null;
  if (by === "owner") return `Only the person who owns this evidence can ${action} it.`;
  if (actor === "owner") return "You cannot review your own evidence.";
  return `Only a supervisor of the person who owns this evidence can ${action} it.`;
}

/** Who may act and from which state; the comment rule is checked separately. */
function permittedMove(
  state: EvidenceState,
  action: EvidenceAction,
  actor: Actor,
): { ok: true; move: Move } | { ok: false; reason: string } {
  const wrongActor = actorRefusal(action, actor);
  if (wrongActor) return { ok: false, reason: wrongActor };
  const rule = RULES[action];
  const move = rule.from[state];
  if (!move)
    return { ok: false, reason: `This evidence is ${EVIDENCE_STATUS_PHRASES[state]}, so it cannot be ${rule.done}.` };
  return { ok: true, move };
}

export function transition(
  state: EvidenceState,
  action: EvidenceAction,
  actor: Actor,
  details: { comment?: string } = {},
): TransitionResult {
  const permitted = permittedMove(state, action, actor);
  if (!permitted.ok) return permitted;
  if (RULES[action].needsComment && !details.comment?.trim()) {
    return { ok: false, reason: "Enter a comment explaining what needs to change." };
  }
  return { ok: true, ...permitted.move };
}

/** What this actor may do now (returning still needs a comment). */
export function allowedActions(state: EvidenceState, actor: Actor): EvidenceAction[] {
  return ACTIONS.filter((action) => permittedMove(state, action, actor).ok);
}

/** A person's progress on one competency, as the portfolio pages summarise it. */
export interface CompetencyProgress {
  evidenceCount: number;
  acceptedCount: number;
  /** The latest sign-off decision, if any: sign-offs are withdrawn by appending, never by deleting. */
  signOff: null | { status: "signed-off" | "withdrawn" };
}

export function competencyStatus(progress: CompetencyProgress): CompetencyStatus {
  if (progress.signOff) return progress.signOff.status;
  return progress.evidenceCount > 0 ? "developing" : "not-started";
}

/** A supervisor signs a competency off only on the strength of evidence they have accepted. */
export function canSignOff(acceptedCount: number): boolean {
  return acceptedCount >= 1;
}

const REVIEW_STATES: Record<string, EvidenceState> = {
  submit: "submitted",
  return: "returned",
  accept: "accepted",
  withdraw: "draft",
};

export interface VersionedEvidence {
  status: EvidenceState;
  currentVersion: number;
  /** Newest first. */
  versions: readonly { version: number }[];
  reviews: readonly { version: number; action: string }[];
}

/**
 * What someone other than the owner sees of an item: the versions up to the latest one submitted, in the state
 * its last review left it, and whether the owner has changed it since. Null if it has never been submitted: an
 * unsubmitted draft is the owner's alone. (Every version below the latest submitted one was itself submitted.)
 */
export function sharedView<E extends VersionedEvidence>(item: E): (E & { changesInProgress: boolean }) | null {
  const submitted = item.reviews.filter((r) => r.action === "submit").map((r) => r.version);
  if (submitted.length === 0) return null;
  const shown = Math.max(...submitted);
  const lastReview = item.reviews.findLast((r) => r.version === shown)!;
  return {
    ...item,
    status: REVIEW_STATES[lastReview.action] ?? item.status,
    versions: item.versions.filter((v) => v.version <= shown),
    reviews: item.reviews.filter((r) => r.version <= shown),
    changesInProgress: item.currentVersion > shown,
  };
}

/** The latest accepted version, which stays the record while later changes are in progress; null if none. */
export function acceptedVersion(reviews: readonly { version: number; action: string }[]): number | null {
  const accepted = reviews.filter((r) => r.action === "accept").map((r) => r.version);
  return accepted.length ? Math.max(...accepted) : null;
}
