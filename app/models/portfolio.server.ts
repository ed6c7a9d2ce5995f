import type { Matrix, MatrixCell } from "~/domain/competency-matrix";
import type { ReviewAction } from "~/domain/vocabulary";
import { competencyStatus } from "~/domain/evidence-workflow";
import { groupBy } from "~/domain/group-by";
import type { Executor } from "./audit.server";
import { competencyEvidence, type EvidenceView } from "./evidence.server";
import { latestSignoffs, type SignoffState } from "./signoff.server";

export interface FrameworkShape {
  areas: { id: string; title: string; competencies: { id: string; title: string }[] }[];
}

/** Where a person stands on one competency, from its evidence figures and its latest sign-off decision. */
export function matrixCell(
  competency: { id: string; title: string },
  e: { evidenceCount: number; acceptedCount: number; lastActivity: string | null },
  s: Pick<SignoffState, "status" | "at" | "actorName"> | null,
): MatrixCell {
  return {
    id: competency.id,
    title: competency.title,
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
    const competencies = area.competencies.map((c) =>
      matrixCell(
        c,
        evidence.get(c.id) ?? { evidenceCount: 0, acceptedCount: 0, lastActivity: null },
        signoffs.get(c.id) ?? null,
      ),
    );
    return {
      id: area.id,
      title: area.title,
      competencies,
      signedOff: competencies.filter((c) => c.status === "signed-off").length,
      total: competencies.length,
    };
  });
}

/** The version of an evidence item a viewer is shown (see listEvidence). */
export interface ShownVersion {
  id: number;
  version: number;
}

export interface ShownEvidence {
  version: number;
  title: string;
  type: string;
  activityDate: string;
  whatHappened: string;
  whatLearned: string;
  whatNext: string;
  attachments: { fileName: string; mime: string; size: number; sha256: string }[];
  /** Oldest first; `by` is the reviewer's name. */
  reviews: { at: string; action: ReviewAction; by: string; version: number; comment: string | null }[];
}

/**
 * For each item, the full text of the version shown, its attachments and the reviews of that version and earlier,
 * in three queries however many items there are. Keyed by evidence id; an item whose version is missing is left out.
 */
export async function shownEvidence(db: Executor, shown: readonly ShownVersion[]): Promise<Map<number, ShownEvidence>> {
  if (shown.length === 0) return new Map();
  const ids = shown.map((s) => s.id);
  const wanted = new Map(shown.map((s) => [s.id, s.version]));
  // Every version of these items, then the shown one picked here: most items have one or two versions.
  const versions = (
    await db
      .selectFrom("evidence_versions")
      .select([
        "id",
        "evidence_id as evidenceId",
        "version",
        "title",
        "type",
        "activity_date as activityDate",
        "what_happened as whatHappened",
        "what_learned as whatLearned",
        "what_next as whatNext",
      ])
      .where("evidence_id", "in", ids)
      .execute()
  ).filter((v) => wanted.get(v.evidenceId) === v.version);
  if (versions.length === 0) return new Map();
  const attachments = await db
    .selectFrom("evidence_version_attachments as eva")
    .innerJoin("attachments as a", "a.id", "eva.attachment_id")
    .select(["eva.version_id as versionId", "a.file_name as fileName", "a.mime", "a.size", "a.sha256"])
    .where(
      "eva.version_id",
      "in",
      versions.map((v) => v.id),
    )
    .orderBy("eva.version_id")
    .orderBy("eva.attachment_id")
    .execute();
  const reviews = await db
    .selectFrom("evidence_reviews as r")
    .innerJoin("users as u", "u.id", "r.actor_id")
    .select(["r.evidence_id as evidenceId", "r.at", "r.action", "u.name as by", "r.version", "r.comment"])
    .where("r.evidence_id", "in", ids)
    .orderBy("r.id")
    .execute();
  const attachmentsOf = groupBy(attachments, (a) => a.versionId);
  const reviewsOf = groupBy(reviews, (r) => r.evidenceId);
  return new Map(
    versions.map(({ id: versionId, evidenceId, ...text }) => [
      evidenceId,
      {
        ...text,
        attachments: (attachmentsOf.get(versionId) ?? []).map(({ versionId: _, ...a }) => a),
        reviews: (reviewsOf.get(evidenceId) ?? [])
          .filter((r) => r.version <= text.version)
          .map(({ evidenceId: _, ...r }) => r),
      },
    ]),
  );
}
