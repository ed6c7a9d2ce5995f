import { z } from "zod";
import { checkPassword, type PasswordContext } from "~/domain/password-policy";
import { estimateStrength } from "~/lib/password-strength.server";

/** The problem with a proposed password for this person, or null; the one check every form and script uses. */
export function newPasswordProblem(password: string, who: PasswordContext = {}): string | null {
  return checkPassword(password, { estimate: estimateStrength, ...who });
}

/** The rules for a new password, as a zod field so every form states them the same way. */
export function newPasswordField(who: PasswordContext = {}) {
  return z
    .string({ error: "Enter a new password" })
    .min(1, "Enter a new password")
    .superRefine((password, ctx) => {
      const problem = newPasswordProblem(password, who);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A new password typed twice, with any other fields the form has; a mismatch is an error on the second box. */
export function newPasswordSchema<Shape extends z.ZodRawShape>(who: PasswordContext, mismatch: string, other: Shape) {
  const typedTwice = z
    .object({ password: newPasswordField(who), confirm: z.string().optional() })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: mismatch });
  return z.object(other).and(typedTwice);
}
