import { z } from "zod";
import { appraisalYear, appraisalYearOf } from "~/domain/appraisal-year";
import { env } from "~/lib/env.server";

/** The "period" field: an appraisal year label such as 2026/27, not in the future. */
export function periodSchema(today: string) {
  const example = appraisalYear(today, env().APPRAISAL_YEAR_START_MONTH).label;
  return z.object({
    period: z
      .string({ error: `Enter an appraisal year like ${example}` })
      .trim()
      .min(1, `Enter an appraisal year like ${example}`)
      .transform((label, ctx) => {
        const year = appraisalYearOf(label, env().APPRAISAL_YEAR_START_MONTH);
        if (!year) {
          ctx.addIssue({ code: "custom", message: `Enter an appraisal year like ${example}` });
          return z.NEVER;
        }
        if (year.start > today) {
          ctx.addIssue({ code: "custom", message: `The appraisal year must be ${example} or earlier` });
          return z.NEVER;
        }
        return year;
      }),
  });
}
