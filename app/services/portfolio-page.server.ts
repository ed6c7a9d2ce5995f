import { canReview, evidenceViewFor, type Viewer } from "~/domain/permissions";
import type { Executor } from "~/models/audit.server";
import { listEvidence } from "~/models/evidence.server";
import { competencyMatrix } from "~/models/portfolio.server";
import { signoffHistory } from "~/models/signoff.server";
import type { Person } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { frameworkOutline } from "~/content/framework.server";
import type { Competency } from "~/content/schema";

/** A person's competency matrix as this viewer may see it: only the owner's own view counts unsubmitted drafts. */
export async function matrixFor(viewer: Viewer, userId: number) {
  return competencyMatrix(getDb(), userId, { areas: frameworkOutline() }, evidenceViewFor(viewer, { id: userId }));
}

/** One competency of a person's portfolio: where it stands, the evidence for it this viewer may see, its sign-offs. */
export async function competencyOverview(db: Executor, viewer: Viewer, person: Person, competency: Competency) {
  const cell = (await matrixFor(viewer, person.id)).flatMap((a) => a.competencies).find((c) => c.id === competency.id)!;
  const evidence = await listEvidence(
    db,
    person.id,
    { competencyId: competency.id, page: 1, pageSize: 100 },
    evidenceViewFor(viewer, person),
  );
  return {
    person: { id: person.id, name: person.name },
    competency,
    cell,
    evidence: evidence.items,
    history: await signoffHistory(db, person.id, competency.id),
    canReview: canReview(viewer, person),
    own: person.id === viewer.id,
  };
}
