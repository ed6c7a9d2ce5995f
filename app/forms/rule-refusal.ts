import { RuleError } from "~/domain/rule-error";
import { invalid, type FormValues } from "./fields";

/** A rule a model refused becomes that field's error on the form; anything else is a fault, thrown on. */
export function refusedByRule(error: unknown, values: FormValues = {}) {
  if (error instanceof RuleError) return invalid({ [error.field]: error.message }, values);
  throw error;
}
