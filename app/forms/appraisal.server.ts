/** The appraisal form: when it was held, the period it looks back on, the summary and up to three objectives. */
import { z } from "zod";
import { todayInLondon } from "~/domain/training-status";
import type { AppraisalInput } from "~/models/appraisals.server";
import { OBJECTIVE_SLOTS, objectiveDateField, objectiveTitleField } from "./appraisal-fields";
import { optionalDateField, optionalSingleLine, pastDate, requiredText } from "./fields";
import { periodSchema } from "./period.server";

export function appraisalSchema() {
  const today = todayInLondon(new Date());
  const objectives: Record<string, z.ZodType> = {};
  for (const n of OBJECTIVE_SLOTS) {
    objectives[objectiveTitleField(n)] = optionalSingleLine(`Objective ${n}`, 200);
    objectives[objectiveDateField(n)] = optionalDateField(`target date of objective ${n}`, { notBefore: today });
  }
  return z
    .object({
      heldOn: pastDate("date of the appraisal"),
      period: periodSchema(today).shape.period,
      summary: requiredText("Enter a summary of the appraisal", "Summary", 10_000),
      ...objectives,
    })
    .superRefine(
      (form, ctx) => {
        const fields = form as Record<string, unknown>;
        // Also run when other fields failed (so every error shows at once): a failed field holds what was typed.
        if (typeof form.heldOn === "string" && typeof form.period === "object" && form.heldOn < form.period.start)
          ctx.addIssue({
            code: "custom",
            path: ["heldOn"],
            message: "The date of the appraisal must be on or after the start of the period it looks back on",
          });
        for (const n of OBJECTIVE_SLOTS) {
          const [title, date] = [fields[objectiveTitleField(n)], fields[objectiveDateField(n)]];
          if (title && !date)
            ctx.addIssue({
              code: "custom",
              path: [objectiveDateField(n)],
              message: `Enter the target date of objective ${n}`,
            });
          if (date && !title)
            ctx.addIssue({ code: "custom", path: [objectiveTitleField(n)], message: `Enter objective ${n}` });
        }
      },
      { when: () => true },
    )
    .transform((form): AppraisalInput => {
      const fields = form as Record<string, unknown>;
      return {
        heldOn: form.heldOn,
        periodStart: form.period.start,
        periodEnd: form.period.end,
        summary: form.summary,
        objectives: OBJECTIVE_SLOTS.flatMap((n) => {
          const title = fields[objectiveTitleField(n)] as string | null;
          const targetDate = fields[objectiveDateField(n)] as string | null;
          return title && targetDate ? [{ title, targetDate }] : [];
        }),
      };
    });
}

/** The fields where people type words, which must hold no patient details. */
export const APPRAISAL_TEXT_FIELDS = ["summary", ...OBJECTIVE_SLOTS.map(objectiveTitleField)];

export const appraisalStepSchema = z.object({
  intent: z.enum(["appraiser-confirm", "person-confirm"], { error: "Choose what to do" }),
});

/** A form's values from a stored appraisal, so the edit form opens filled in. */
export function appraisalFormValues(input: AppraisalInput & { periodLabel: string }): Record<string, string> {
  const values: Record<string, string> = { heldOn: input.heldOn, period: input.periodLabel, summary: input.summary };
  input.objectives.forEach((o, i) => {
    values[objectiveTitleField(i + 1)] = o.title;
    values[objectiveDateField(i + 1)] = o.targetDate;
  });
  return values;
}
