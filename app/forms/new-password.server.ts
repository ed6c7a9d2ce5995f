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
