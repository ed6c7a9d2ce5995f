import type { Matrix, MatrixCell } from "~/domain/competency-matrix";
import { competencyStatus } from "~/domain/evidence-workflow";
import type { Executor } from "./audit.server";
import { competencyEvidence, type EvidenceView } from "./evidence.server";
import { latestSignoffs } from "./signoff.server";

export interface FrameworkShape {
  areas: { id: string; title: string; competencies: { id: string; title: string }[] }[];
}

/** A person's standing on every competency of the framework, area by area, with progress per area. */
export async function competencyMatrix(
  db: Executor,
  userId: number,
  framework: FrameworkShape,
  view: EvidenceView,
): Promise<Matrix> {
  const [evidence, signoffs] = await Promise.all([competencyEvidence(db, userId, view), latestSignoffs(db, userId)]);
  return framework.areas.map((area) => {
    const competencies: MatrixCell[] = area.competencies.map((c) => {
      const e = evidence.get(c.id) ?? { evidenceCount: 0, acceptedCount: 0, lastActivity: null };
      const s = signoffs.get(c.id) ?? null;
      return {
        id: c.id,
        title: c.title,
        status: competencyStatus({
          evidenceCount: e.evidenceCount,
          acceptedCount: e.acceptedCount,
          signOff: s ? { status: s.status } : null,
        }),
        evidenceCount: e.evidenceCount,
        acceptedCount: e.acceptedCount,
        lastActivity: e.lastActivity,
        signedOffAt: s?.status === "signed-off" ? s.at : null,
        signedOffBy: s?.status === "signed-off" ? s.actorName : null,
      };
    });
    return {
      id: area.id,
      title: area.title,
      competencies,
      signedOff: competencies.filter((c) => c.status === "signed-off").length,
      total: competencies.length,
    };
  });
}
