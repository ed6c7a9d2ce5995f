import { z } from "zod";
import { checkPassword } from "~/domain/password-policy";
import { isCommonPassword } from "./common-passwords.server";

/** The rules for a new password, as a zod field so every form states them the same way. */
export function newPasswordField(who: { email?: string; name?: string } = {}) {
  return z
    .string({ error: "Enter a new password" })
    .min(1, "Enter a new password")
    .superRefine((password, ctx) => {
      const problem = checkPassword(password, { isCommon: isCommonPassword, ...who });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
