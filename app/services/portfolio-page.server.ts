import { evidenceViewFor, type Viewer } from "~/domain/permissions";
import { competencyMatrix } from "~/models/portfolio.server";
import { getDb } from "~/lib/db.server";
import { frameworkOutline } from "~/content/framework.server";

/** A person's competency matrix as this viewer may see it: only the owner's own view counts unsubmitted drafts. */
export async function matrixFor(viewer: Viewer, userId: number) {
  return competencyMatrix(getDb(), userId, { areas: frameworkOutline() }, evidenceViewFor(viewer, { id: userId }));
}
