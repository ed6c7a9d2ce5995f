/**
 * Training imports (ADR 0016): the plan for a file, worked out against the records as they are, and applying it in
 * one transaction that records the import, writes each record through the training model and refreshes standings.
 */
import { createHash } from "node:crypto";
import type { PcnScope } from "~/domain/permissions";
import {
  countOutcomes,
  planImport,
  type ImportCounts,
  type ImportPerson,
  type ImportTraining,
  type PlannedRow,
} from "~/domain/training-import";
import type { ImportRow, TrainingImportLayout } from "~/domain/training-import-file";
import { nowIso } from "~/lib/time.server";
import type { Executor } from "./audit.server";
import { applyImportChanges, recordsForImport } from "./training.server";
import type { Actor } from "./user.server";

export interface ImportFile {
  layout: TrainingImportLayout;
  fileName: string;
  sha256: string;
  rows: readonly ImportRow[];
}

export interface ImportContext {
  scope: PcnScope;
  importer: Actor & { id: number };
  /** Whether the importer may import this person's training; their own rows stay in, to be refused with a reason. */
  mayImportFor: (person: ImportPerson) => boolean;
  findTraining: (name: string) => ImportTraining | undefined;
  today: string;
  contentVersion: string;
}

/** The active people in the importer's scope whom the file's rows name by email or staff number. */
async function peopleNamed(db: Executor, rows: readonly ImportRow[], scope: PcnScope): Promise<ImportPerson[]> {
  if (scope.kind === "none") return [];
  const emails = [...new Set(rows.map((r) => r.email.toLowerCase()).filter(Boolean))];
  const numbers = [...new Set(rows.map((r) => r.staffNumber).filter(Boolean))];
  if (emails.length === 0 && numbers.length === 0) return [];
  let query = db
    .selectFrom("users")
    .select(["id", "pcn_id as pcnId", "name", "email_key as email", "staff_number as staffNumber"])
    .where("active", "=", 1)
    .where((eb) =>
      eb.or([
        ...(emails.length ? [eb("email_key", "in", emails)] : []),
        ...(numbers.length ? [eb("staff_number", "in", numbers)] : []),
      ]),
    );
  if (scope.kind === "one") query = query.where("pcn_id", "=", scope.pcnId);
  return query.execute();
}

/** What importing the file would do now, row by row. */
export async function planTrainingImport(
  db: Executor,
  file: ImportFile,
  context: ImportContext,
): Promise<PlannedRow[]> {
  const people = (await peopleNamed(db, file.rows, context.scope)).filter(
    (p) => p.id === context.importer.id || context.mayImportFor(p),
  );
  const records = await recordsForImport(
    db,
    people.map((p) => p.id),
  );
  return planImport(file.rows, {
    layout: file.layout,
    importerId: context.importer.id,
    people,
    findTraining: context.findTraining,
    recordsOf: (personId) => records.filter((r) => r.userId === personId),
    today: context.today,
  });
}

/** Names the changes a plan makes, so applying can tell whether the records moved on since the preview. */
export function planFingerprint(plan: readonly PlannedRow[]): string {
  const changes = plan.flatMap((row) => (row.change ? [row.change] : []));
  return createHash("sha256").update(JSON.stringify(changes)).digest("hex");
}

export type ApplyResult =
  { ok: true; importId: number | null; counts: ImportCounts } | { ok: false; plan: PlannedRow[] };

/**
 * Applies the file as previewed, in one transaction: the import row, then each change through the training model,
 * each audited. If the plan is no longer the one the importer saw (someone changed a record meanwhile), nothing is
 * saved and the new plan is returned to preview again.
 */
export async function applyTrainingImport(
  db: Executor,
  file: ImportFile,
  context: ImportContext,
  previewed: string,
): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const plan = await planTrainingImport(trx, file, context);
    if (planFingerprint(plan) !== previewed) return { ok: false, plan };
    const counts = countOutcomes(plan);
    const changes = plan.flatMap((row) => (row.change ? [row.change] : []));
    // A file that changes nothing (the same file again) leaves no trace either.
    if (changes.length === 0) return { ok: true, importId: null, counts };
    const { id } = await trx
      .insertInto("training_imports")
      .values({
        pcn_id: context.scope.kind === "one" ? context.scope.pcnId : null,
        layout: file.layout,
        file_name: file.fileName,
        file_sha256: file.sha256,
        created: counts.new,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        imported_by: context.importer.id,
        imported_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await applyImportChanges(
      trx,
      changes,
      { importedFrom: file.layout, importId: id },
      context.contentVersion,
      context.importer,
    );
    return { ok: true, importId: id, counts };
  });
}
