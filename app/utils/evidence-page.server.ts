import { canEditPortfolio, canReview, canViewPerson, type Viewer } from "~/domain/permissions";
import type { Actor as WorkflowActor } from "~/domain/evidence-workflow";
import { getEvidence } from "~/models/evidence.server";
import { getPerson } from "~/models/user.server";
import { notFound } from "./auth.server";
import { getDb } from "./db.server";

/** Evidence and its owner, or 404 when it does not exist or this viewer may not see the owner's portfolio. */
export async function evidenceFor(viewer: Viewer, id: number | null) {
  const evidence = id === null ? null : await getEvidence(getDb(), id);
  const owner = evidence ? await getPerson(getDb(), evidence.ownerId) : null;
  if (!evidence || !owner || !canViewPerson(viewer, owner)) throw notFound();
  const as: WorkflowActor = canEditPortfolio(viewer, owner) ? "owner" : canReview(viewer, owner) ? "reviewer" : "other";
  return { evidence, owner, as };
}
