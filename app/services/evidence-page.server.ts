import { canEditPortfolio, canReview, canViewPerson, evidenceViewFor, type Viewer } from "~/domain/permissions";
import { acceptedVersion, sharedView, type Actor as WorkflowActor } from "~/domain/evidence-workflow";
import { getEvidence } from "~/models/evidence.server";
import { getPerson } from "~/models/user.server";
import { notFound } from "./auth.server";
import { getDb } from "~/lib/db.server";

/**
 * Evidence and its owner, as this viewer may see it: 404 when it does not exist, the viewer may not see the
 * owner's portfolio, or it is a draft the owner has never submitted. Anyone but the owner sees it as last
 * submitted, with `changesInProgress` when the owner has changed it since.
 */
export async function evidenceFor(viewer: Viewer, id: number | null) {
  const stored = id === null ? null : await getEvidence(getDb(), id);
  const owner = stored ? await getPerson(getDb(), stored.ownerId) : null;
  if (!stored || !owner || !canViewPerson(viewer, owner)) throw notFound();
  const as: WorkflowActor = canEditPortfolio(viewer, owner) ? "owner" : canReview(viewer, owner) ? "reviewer" : "other";
  const accepted = acceptedVersion(stored.reviews);
  if (evidenceViewFor(viewer, owner) === "owner") {
    return {
      evidence: { ...stored, changesInProgress: accepted !== null && stored.currentVersion > accepted },
      owner,
      as,
      acceptedVersion: accepted,
    };
  }
  const evidence = sharedView(stored);
  if (!evidence) throw notFound();
  return { evidence, owner, as, acceptedVersion: accepted };
}
