import { z } from "zod";
import { describeFinding, findPatientIdentifiers } from "~/domain/patient-data-guard";
import { EVIDENCE_TYPES } from "~/domain/vocabulary";
import type { EvidenceInput } from "~/models/evidence.server";
import { getContent } from "~/content/index.server";
import { oneOfLabelled, pastDate, requiredText, singleLine, someOf } from "./fields";

const MAX_TEXT = 20_000;

// Control characters other than tabs and line breaks (NUL and the like): no keyboard types them, and they break
// the page and the PDF that show the text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const reflection = (what: string) =>
  requiredText(`Enter ${what}`, `${what[0]!.toUpperCase()}${what.slice(1)}`, MAX_TEXT).refine(
    (s) => !CONTROL_CHARACTERS.test(s),
    `Remove the hidden characters from ${what}`,
  );

export function allCompetencyIds(): string[] {
  return getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id));
}

export function evidenceSchema() {
  return z.object({
    title: singleLine("Enter a title", "Title", 200),
    activityDate: pastDate("date of the activity"),
    type: oneOfLabelled(EVIDENCE_TYPES, "Select the type of evidence"),
    whatHappened: reflection("what happened"),
    whatLearned: reflection("what you learned"),
    whatNext: reflection("what you will do differently"),
    competencyIds: someOf(
      allCompetencyIds(),
      "Select competencies from the list",
      "Select at least one competency this evidence shows",
    ),
    attachmentIds: z
      .array(z.coerce.number().int().positive())
      .default([])
      .catch([])
      .transform((ids) => [...new Set(ids)]),
    confirmNotPatientData: z.literal("yes").optional(),
  });
}

export const EVIDENCE_ARRAYS = ["competencyIds", "attachmentIds"] as const;

/** Likely patient identifiers in the free text, as sentences the author can act on. */
export function patientDataFindings(
  input: Pick<EvidenceInput, "title" | "whatHappened" | "whatLearned" | "whatNext">,
): string[] {
  const text = [input.title, input.whatHappened, input.whatLearned, input.whatNext].join("\n");
  return findPatientIdentifiers(text).map((f) => `“${f.match}” looks like ${describeFinding(f.kind)}`);
}
