import { z } from "zod";
import { canMovePeopleBetweenPcns, mayGrantRole, type AppRole, type Viewer } from "~/domain/permissions";
import { emailAddress, optionalDateField, singleLine } from "./fields";

export const APP_ROLE_LABELS: Record<AppRole, string> = {
  coordinator: "Member of staff (keeps a portfolio)",
  supervisor: "Supervisor",
  lead: "PCN lead",
  admin: "Administrator",
};

/** The app roles this viewer may hand out: only admins create admins. */
export function grantableRoles(viewer: Viewer): AppRole[] {
  return (Object.keys(APP_ROLE_LABELS) as AppRole[]).filter((role) => mayGrantRole(viewer, role));
}

/**
 * The person form, shaped by who is submitting it: a lead's form has no PCN field (it is always their own PCN) and
 * cannot grant admin, whatever extra fields a tampered request carries.
 */
export function personSchema(viewer: Viewer, jobRoleIds: readonly string[], pcnIds: readonly number[]) {
  const roles = grantableRoles(viewer);
  return z.object({
    name: singleLine("Enter the person's full name", "Name", 200),
    email: emailAddress(),
    pcnId: canMovePeopleBetweenPcns(viewer)
      ? z
          .string()
          .optional()
          .transform((s, ctx) => {
            if (!s) return null;
            const id = Number(s);
            if (!pcnIds.includes(id)) {
              ctx.addIssue({ code: "custom", message: "Select a PCN from the list" });
              return z.NEVER;
            }
            return id;
          })
      : z
          .unknown()
          .optional()
          .transform(() => viewer.pcnId),
    jobRole: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return null;
        if (!jobRoleIds.includes(s)) {
          ctx.addIssue({ code: "custom", message: "Select a job role from the list" });
          return z.NEVER;
        }
        return s;
      }),
    fte: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return null;
        const n = Number(s);
        if (!Number.isFinite(n) || n < 0.05 || n > 1) {
          ctx.addIssue({ code: "custom", message: "Full-time equivalent must be a number from 0.05 to 1, like 0.6" });
          return z.NEVER;
        }
        return Math.round(n * 100) / 100;
      }),
    startDate: optionalDateField("start date"),
    roles: z
      .array(z.string())
      .transform((list, ctx) => {
        const unique = [...new Set(list)];
        const bad = unique.filter((r) => !roles.includes(r as AppRole));
        if (bad.length) {
          ctx.addIssue({ code: "custom", message: "Select roles from the list" });
          return z.NEVER;
        }
        return unique as AppRole[];
      })
      .refine((list) => list.length > 0, "Select at least one role"),
  });
}
