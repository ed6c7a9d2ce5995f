import { data } from "@remix-run/node";
import { z } from "zod";

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
    const clean = all.map((v) => v.replaceAll(NUL, ""));
    values[key] = clean.length > 1 ? clean : (clean[0] ?? "");
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

// ---- Shared fields: every form schema builds its text and email fields from these ----

/** C0 and C1 control characters (line breaks and tabs among them) and the invisible marks that reorder text. */
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NUL = "\u0000";
export const NUL_MESSAGE = "This answer contains a hidden character that cannot be saved. Type it again";

export const tooLong = (name: string, max: number) => `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`;
const oneLine = (name: string) => `${name} must be on one line, without hidden or control characters`;
const isOneLine = (s: string) => !CONTROL_OR_BIDI.test(s);

/** Required text that may run over several lines: reflections, topics, comments. */
export const requiredText = (missing: string, name: string, max: number) => z.string({ error: missing }).trim().min(1, missing).max(max, tooLong(name, max));

/**
 * Required single-line text: names and titles. Refuses control characters and direction overrides, which can
 * disguise a name on screen, in the audit trail and in exports.
 */
export const singleLine = (missing: string, name: string, max: number) => requiredText(missing, name, max).refine(isOneLine, oneLine(name));

const blankIsNull = (field: z.ZodString) => field.optional().transform((s) => s || null);

/** Optional text that may run over several lines (a note): blank is null. */
export const optionalText = (name: string, max: number) => blankIsNull(z.string().trim().max(max, tooLong(name, max)));

/** Optional single-line text (a provider, an ICS): blank is null. */
export const optionalSingleLine = (name: string, max: number) => blankIsNull(z.string().trim().max(max, tooLong(name, max)).refine(isOneLine, oneLine(name)));

/** An email address, checked as an address (a full stop in the domain, no quotes, brackets or spaces). */
export const emailAddress = (missing = "Enter an email address") =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(320, tooLong("Email address", 320))
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@nhs.net" }));

/** Parses a submitted form against a schema; on failure gives field errors and the values to refill. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  options: { arrays?: readonly string[]; omitFromValues?: readonly string[] } = {},
): { ok: true; data: z.infer<S> } | ({ ok: false } & InvalidForm) {
  const raw: Record<string, unknown> = {};
  // NUL is refused in every field of every form: nothing legitimate types it, and it truncates text elsewhere.
  const nulErrors: FieldErrors = {};
  for (const [key, all] of textFields(form)) {
    if (all.some((v) => v.includes(NUL))) nulErrors[key] = NUL_MESSAGE;
    raw[key] = options.arrays?.includes(key) ? all : all[0];
  }
  for (const key of options.arrays ?? []) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success && Object.keys(nulErrors).length === 0) return { ok: true, data: result.data };
  const errors = { ...(result.success ? {} : fieldErrors(result.error)), ...nulErrors };
  return { ok: false, errors, values: formValues(form, options.omitFromValues) };
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
