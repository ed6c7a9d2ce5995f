/** Evidence made through the app's models and taken as far through review as asked, for tests and scripts. */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { createEvidence, type EvidenceInput, moveEvidence } from "~/models/evidence.server";

type DB = Kysely<Database>;
interface Owner {
  id: number;
  pcnId: number | null;
}

/** Where the evidence ends up: never submitted, waiting for review, sent back, or accepted. */
export type EvidenceOutcome = "draft" | "submitted" | "returned" | "accepted";

export interface EvidenceOptions {
  outcome?: EvidenceOutcome;
  /** Who returns or accepts it; needed for those outcomes. */
  reviewerId?: number;
  comment?: string;
  frameworkVersion?: string;
}

/** A whole evidence form's worth of input: a short reflective account, with `overrides` in place. */
export function evidenceInput(overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    title: "Planning support at home after a hospital stay",
    activityDate: "2026-10-01",
    type: "reflective-account",
    whatHappened: "I met the person and their daughter to agree what matters most before discharge.",
    whatLearned: "Asking what a good day looks like gave us a plan they owned.",
    whatNext: "Use the same question at every first meeting.",
    competencyIds: ["pc-1"],
    attachmentIds: [],
    patientDataFindings: null,
    ...overrides,
  };
}

export async function makeEvidence(
  db: DB,
  owner: Owner,
  overrides: Partial<EvidenceInput> = {},
  options: EvidenceOptions = {},
): Promise<number> {
  const input = evidenceInput(overrides);
  const outcome = options.outcome ?? "draft";
  const id = await createEvidence(db, owner, input, options.frameworkVersion ?? "2026.1", { id: owner.id, ip: null });
  if (outcome === "draft") return id;
  await move(db, id, { action: "submit", as: "owner", pcnId: owner.pcnId }, owner.id);
  if (outcome === "submitted") return id;
  if (options.reviewerId === undefined) throw new Error(`Evidence that is ${outcome} needs a reviewerId`);
  // Sending evidence back needs a comment saying what to change; accepting does not.
  const review =
    outcome === "returned"
      ? { action: "return" as const, comment: options.comment ?? "Say what you will do differently next time." }
      : { action: "accept" as const, comment: options.comment };
  await move(db, id, { ...review, as: "reviewer", pcnId: owner.pcnId }, options.reviewerId);
  return id;
}

async function move(db: DB, id: number, input: Parameters<typeof moveEvidence>[2], actorId: number) {
  const moved = await moveEvidence(db, id, input, { id: actorId, ip: null });
  if (!moved.ok) throw new Error(moved.reason);
}
