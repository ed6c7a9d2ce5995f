import { canReview, evidenceViewFor, type Viewer } from "~/domain/permissions";
import type { Executor } from "~/models/audit.server";
import { acceptedEvidenceCount, listEvidence } from "~/models/evidence.server";
import { competencyMatrix, matrixCell } from "~/models/portfolio.server";
import { decisionStatus, signoffHistory } from "~/models/signoff.server";
import type { Person } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { frameworkOutline } from "~/content/framework.server";
import type { Competency } from "~/content/schema";

/** A person's competency matrix as this viewer may see it: only the owner's own view counts unsubmitted drafts. */
export async function matrixFor(viewer: Viewer, userId: number) {
  return competencyMatrix(getDb(), userId, { areas: frameworkOutline() }, evidenceViewFor(viewer, { id: userId }));
}

/**
 * One competency of a person's portfolio: where it stands, the evidence for it this viewer may see, its sign-offs.
 * Its matrix cell is worked out from this competency's own rows (the list's total and newest date, the latest
 * decision), not from the whole matrix.
 */
export async function competencyOverview(db: Executor, viewer: Viewer, person: Person, competency: Competency) {
  const evidence = await listEvidence(
    db,
    person.id,
    { competencyId: competency.id, page: 1, pageSize: 100 },
    evidenceViewFor(viewer, person),
  );
  const history = await signoffHistory(db, person.id, competency.id);
  const latest = history[0];
  const cell = matrixCell(
    competency,
    {
      evidenceCount: evidence.total,
      acceptedCount: await acceptedEvidenceCount(db, person.id, competency.id),
      lastActivity: evidence.items[0]?.activityDate ?? null,
    },
    latest ? { status: decisionStatus(latest.action), at: latest.at, actorName: latest.actorName } : null,
  );
  return {
    person: { id: person.id, name: person.name },
    competency,
    cell,
    evidence: evidence.items,
    history,
    canReview: canReview(viewer, person),
    own: person.id === viewer.id,
  };
}
