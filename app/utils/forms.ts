import { data } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export interface InvalidForm {
  errors: FieldErrors;
  values: FormValues;
}

/** Everything the user typed, so a refused form comes back filled in (passwords excepted). */
export function formValues(form: FormData, omit: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const [key, all] of textFields(form)) {
    if (omit.includes(key)) continue;
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * The text values of each field, in one pass: calling getAll per key is quadratic, and a hostile form with
 * hundreds of thousands of fields would hold the server for minutes.
 */
function textFields(form: FormData): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, v] of form.entries()) {
    const list = fields.get(key) ?? [];
    if (typeof v === "string") list.push(v);
    fields.set(key, list);
  }
  return fields;
}

/** The first message for each field, keyed by the field's name so the page can link it to its input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Parses a submitted form against a schema; on failure gives field errors and the values to refill. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  options: { arrays?: readonly string[]; omitFromValues?: readonly string[] } = {},
): { ok: true; data: z.infer<S> } | ({ ok: false } & InvalidForm) {
  const raw: Record<string, unknown> = {};
  for (const [key, all] of textFields(form)) raw[key] = options.arrays?.includes(key) ? all : all[0];
  for (const key of options.arrays ?? []) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrors(result.error), values: formValues(form, options.omitFromValues) };
}

/** A 400 response carrying field errors and what was typed. */
export function invalid(errors: FieldErrors, values: FormValues = {}) {
  return data({ errors, values } satisfies InvalidForm, { status: 400 });
}

export function value(values: FormValues | undefined, key: string): string {
  const v = values?.[key];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function valueList(values: FormValues | undefined, key: string): string[] {
  const v = values?.[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
