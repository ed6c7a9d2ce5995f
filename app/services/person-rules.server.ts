import { invalid, type FormValues } from "~/forms/fields";
import { PersonRuleError } from "~/models/user.server";

/** A rule the person model refused becomes that field's error on the form; anything else is a fault, thrown on. */
export function refusedByRule(error: unknown, values: FormValues = {}) {
  if (error instanceof PersonRuleError) return invalid({ [error.field]: error.message }, values);
  throw error;
}
