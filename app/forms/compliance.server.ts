/** The training, CPD and supervision forms: what each field must hold, and the words used when it does not. */
import { z } from "zod";
import { describeFinding, findPatientIdentifiers } from "~/domain/patient-data-guard";
import { CPD_TYPES, TRAINING_STATUS_LABELS, VERIFICATION_METHODS } from "~/domain/vocabulary";
import { getContent } from "~/content/index.server";
import { allCompetencyIds } from "./evidence.server";
import {
  boundedNumber,
  idFromList,
  oneOf,
  oneOfLabelled,
  optionalDateField,
  optionalSingleLine,
  optionalText,
  pastDate,
  recordId,
  requiredText,
  singleLine,
  someOf,
  type FieldErrors,
} from "./fields";

// ---- Training ----

const requirementIds = () => getContent().trainingRequirements.requirements.map((r) => r.id);

const COMPLETION_DATE = "date you completed the training";

/** The training form; a certificate is read and stored by services/training-form.server.ts. */
export function trainingSchema() {
  return (
    z
      .object({
        requirementId: oneOf(requirementIds(), "Select the training"),
        status: oneOfLabelled(
          TRAINING_STATUS_LABELS,
          "Select whether you are enrolled on, undertaking or have completed the training",
        ),
        completedOn: optionalDateField(COMPLETION_DATE, { past: true }),
        provider: optionalSingleLine("Provider", 200),
        attachmentId: z.string().optional(),
      })
      // A completion date belongs to completed training only, and then it must be given.
      .superRefine(({ status, completedOn }, ctx) => {
        if (status !== "completed" && completedOn)
          ctx.addIssue({
            code: "custom",
            path: ["completedOn"],
            message: "Leave the completion date blank until you have completed the training",
          });
        if (status === "completed" && !completedOn)
          ctx.addIssue({ code: "custom", path: ["completedOn"], message: `Enter the ${COMPLETION_DATE}` });
      })
  );
}

// ---- Verifying training ----

const verificationFields = {
  method: oneOfLabelled(VERIFICATION_METHODS, "Select what you checked"),
  note: optionalText("Note", 500),
};

/** "Something else" means nothing unless the verifier says what it was. */
function noteForOther(check: { method: string; note: string | null }, ctx: z.RefinementCtx) {
  if (check.method === "other" && !check.note)
    ctx.addIssue({ code: "custom", path: ["note"], message: "Enter what you checked" });
}

export const verificationSchema = z.object(verificationFields).superRefine(noteForOther);

/** Verifying one requirement's records for several people at once, from the dashboard. */
export function bulkVerificationSchema() {
  return z
    .object({
      requirementId: oneOf(requirementIds(), "Select the training"),
      recordIds: z
        .array(recordId("Select people from the list"))
        .min(1, "Select at least one person to verify")
        .max(500, "Verify 500 records or fewer at a time"),
      ...verificationFields,
    })
    .superRefine(noteForOther);
}

export const BULK_VERIFICATION_ARRAYS = ["recordIds"] as const;

/** One team training session recorded for everyone who attended (ADR 0016). */
export function teamSessionSchema() {
  return z.object({
    requirementId: oneOf(requirementIds(), "Select the training"),
    completedOn: pastDate("date of the session"),
    provider: optionalSingleLine("Who ran the session", 200),
    personIds: z
      .array(recordId("Select people from the list"))
      .min(1, "Select everyone who attended")
      .max(500, "Record 500 people or fewer at a time"),
  });
}

export const TEAM_SESSION_ARRAYS = ["personIds"] as const;
// ---- Local refresher periods ----

/** A PCN's own renewal period for a piece of training: whole months, up to ten years, and why. */
export function localPeriodSchema() {
  return z.object({
    requirementId: oneOf(requirementIds(), "Select the training"),
    renewalMonths: boundedNumber("Enter how often the training must be renewed, in months", {
      notNumber: "Renewal period must be a whole number of months, like 12",
      min: 1,
      tooSmall: "Renewal period must be 1 month or more",
      max: 120,
      tooBig: "Renewal period must be 120 months (10 years) or fewer",
      whole: true,
    }),
    reason: requiredText("Enter why your PCN renews this training on its own period", "Reason", 500),
  });
}

/** Removing a local period: which training. */
export function removeLocalPeriodSchema() {
  return z.object({ requirementId: oneOf(requirementIds(), "Select the training") });
}

// ---- CPD ----

export function cpdSchema() {
  return z.object({
    activity: singleLine("Enter the activity", "Activity", 200),
    activityDate: pastDate("date of the activity"),
    hours: boundedNumber("Enter the number of hours", {
      notNumber: "Hours must be a number, like 1.5",
      min: 0.25,
      tooSmall: "Hours must be 0.25 (15 minutes) or more",
      max: 100,
      tooBig: "Hours must be 100 or fewer",
    }),
    type: oneOfLabelled(CPD_TYPES, "Select the type of CPD"),
    provider: optionalSingleLine("Provider", 200),
    reflection: requiredText("Enter what you learned and how you will use it", "Reflection", 20_000),
    competencyIds: someOf(allCompetencyIds(), "Select competencies from the list"),
  });
}

export const CPD_ARRAYS = ["competencyIds"] as const;

// ---- Supervision ----

export function meetingSchema(supervisorIds: readonly number[]) {
  return z
    .object({
      supervisorId: idFromList(supervisorIds, "Select the supervisor you met"),
      metOn: pastDate("date of the meeting"),
      minutes: boundedNumber("Enter how long the meeting lasted, in minutes", {
        notNumber: "Length must be a whole number of minutes, like 45",
        min: 5,
        tooSmall: "Length must be 5 minutes or more",
        max: 600,
        tooBig: "Length must be 600 minutes (10 hours) or less",
        whole: true,
      }),
      mode: oneOf(["face-to-face", "virtual"], "Select whether you met face to face or virtually"),
      topics: requiredText("Enter the topics discussed", "Topics", 5_000),
      concerns: someOf(["patientConcerns", "safeguardingConcerns"], "Select concerns from the list"),
      actions: requiredText("Enter the actions agreed, or ‘None’", "Actions", 5_000),
    })
    .transform(({ concerns, ...meeting }) => ({
      ...meeting,
      patientConcerns: concerns.includes("patientConcerns"),
      safeguardingConcerns: concerns.includes("safeguardingConcerns"),
    }));
}

export const MEETING_ARRAYS = ["concerns"] as const;

/**
 * The meeting record holds flags, never patient details: text that looks like a patient identifier is refused,
 * one message per field.
 */
export function patientDetailErrors(fields: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(fields)) {
    const [finding] = findPatientIdentifiers(value);
    if (finding)
      errors[field] = `Remove patient details: “${finding.match}” looks like ${describeFinding(finding.kind)}`;
  }
  return errors;
}

/** The same check on the named fields of a submitted form. */
export function patientDetailErrorsIn(form: FormData, names: readonly string[]): FieldErrors {
  return patientDetailErrors(Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? "")])));
}
