/**
 * Importing training records from a file (ADR 0016): read it, show what it would do, and apply exactly that on
 * confirmation. The page, the tests and any script call these same functions.
 */
import { createHash } from "node:crypto";
import { getContent, type Content } from "~/content/index.server";
import { canRecordTrainingFor, pcnScopeOf } from "~/domain/permissions";
import { countOutcomes, type ImportCounts, type ImportTraining, type PlannedRow } from "~/domain/training-import";
import { readImportFile, type TrainingImportLayout } from "~/domain/training-import-file";
import { todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import {
  applyTrainingImport,
  planFingerprint,
  planTrainingImport,
  type ImportContext,
  type ImportFile,
} from "~/models/training-import.server";
import type { Actor } from "~/models/user.server";
import type { CurrentUser } from "./auth.server";

const key = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** How each layout names training: ESR by the mapping in content, the template by the requirement's id or title. */
export function trainingFinder(
  content: Content,
  layout: TrainingImportLayout,
): (name: string) => ImportTraining | undefined {
  const titles = new Map(content.trainingRequirements.requirements.map((r) => [r.id, r.title]));
  const names = new Map<string, ImportTraining>();
  if (layout === "esr") {
    for (const c of content.esrCompetencies.competencies)
      names.set(key(c.esrName), {
        requirementId: c.requirementId,
        title: titles.get(c.requirementId)!,
        countsAsVerified: c.countsAsVerified,
      });
  } else {
    for (const r of content.trainingRequirements.requirements) {
      const training = { requirementId: r.id, title: r.title, countsAsVerified: false };
      names.set(key(r.id), training);
      names.set(key(r.title), training);
    }
  }
  return (name) => names.get(key(name));
}

/** The file as the confirmation form carries it back: its bytes, so applying reads exactly what was previewed. */
export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

export type Preview =
  | { ok: false; fileName: string; problem: string }
  | {
      ok: true;
      fileName: string;
      layout: TrainingImportLayout;
      plan: PlannedRow[];
      counts: ImportCounts;
      /** Names the changes shown, for the confirmation to apply only those. */
      fingerprint: string;
    };

function importContext(user: CurrentUser, actor: Actor, layout: TrainingImportLayout): ImportContext {
  const content = getContent();
  return {
    scope: pcnScopeOf(user.viewer),
    importer: { ...actor, id: user.viewer.id },
    mayImportFor: (person) => canRecordTrainingFor(user.viewer, person),
    findTraining: trainingFinder(content, layout),
    today: todayInLondon(new Date()),
    contentVersion: content.trainingRequirements.version,
  };
}

function importFile(upload: UploadedFile): { ok: true; file: ImportFile } | { ok: false; problem: string } {
  const read = readImportFile(upload.bytes);
  if (!read.ok) return read;
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  return { ok: true, file: { layout: read.layout, fileName: upload.fileName, sha256, rows: read.rows } };
}

function previewOf(file: ImportFile, plan: PlannedRow[]): Preview {
  return {
    ok: true,
    fileName: file.fileName,
    layout: file.layout,
    plan,
    counts: countOutcomes(plan),
    fingerprint: planFingerprint(plan),
  };
}

/** What importing the file would do; nothing is saved. */
export async function previewImport(user: CurrentUser, actor: Actor, upload: UploadedFile): Promise<Preview> {
  const read = importFile(upload);
  if (!read.ok) return { ok: false, fileName: upload.fileName, problem: read.problem };
  const plan = await planTrainingImport(getDb(), read.file, importContext(user, actor, read.file.layout));
  return previewOf(read.file, plan);
}

export type Applied = { applied: true; counts: ImportCounts } | { applied: false; preview: Preview };

/**
 * Applies the file if it would still do what the preview showed; otherwise nothing is saved and the new preview is
 * returned, to be checked and confirmed again.
 */
export async function applyImport(
  user: CurrentUser,
  actor: Actor,
  upload: UploadedFile,
  fingerprint: string,
): Promise<Applied> {
  const read = importFile(upload);
  if (!read.ok) return { applied: false, preview: { ok: false, fileName: upload.fileName, problem: read.problem } };
  const result = await applyTrainingImport(
    getDb(),
    read.file,
    importContext(user, actor, read.file.layout),
    fingerprint,
  );
  return result.ok
    ? { applied: true, counts: result.counts }
    : { applied: false, preview: previewOf(read.file, result.plan) };
}
