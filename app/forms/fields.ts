import { data } from "@remix-run/node";
import { z } from "zod";
import { todayInLondon } from "~/domain/training-status";
import { formatDate } from "~/domain/format";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export interface InvalidForm {
  errors: FieldErrors;
  values: FormValues;
}

/** A submitted form, or the query string of a GET form. */
type Submitted = FormData | URLSearchParams;

/** Everything the user typed, so a refused form comes back filled in (passwords excepted). */
export function formValues(form: Submitted, omit: readonly string[] = []): FormValues {
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
function textFields(form: Submitted): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, v] of form.entries()) {
    const list = fields.get(key) ?? [];
    if (typeof v === "string") list.push(v);
    fields.set(key, list);
  }
  return fields;
}

/** The first message for each field, keyed by the field's name so the page can link it to its input. */
function fieldErrors(error: z.ZodError): FieldErrors {
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

export const tooLong = (name: string, max: number) =>
  `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`;
const oneLine = (name: string) => `${name} must be on one line, without hidden or control characters`;
const isOneLine = (s: string) => !CONTROL_OR_BIDI.test(s);

/** Required text that may run over several lines: reflections, topics, comments. */
export const requiredText = (missing: string, name: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong(name, max));

/**
 * Required single-line text: names and titles. Refuses control characters and direction overrides, which can
 * disguise a name on screen, in the audit trail and in exports.
 */
export const singleLine = (missing: string, name: string, max: number) =>
  requiredText(missing, name, max).refine(isOneLine, oneLine(name));

const blankIsNull = (field: z.ZodString) => field.optional().transform((s) => s || null);

/** Optional text that may run over several lines (a note): blank is null. */
export const optionalText = (name: string, max: number) => blankIsNull(z.string().trim().max(max, tooLong(name, max)));

/** Optional single-line text (a provider, an ICS): blank is null. */
export const optionalSingleLine = (name: string, max: number) =>
  blankIsNull(z.string().trim().max(max, tooLong(name, max)).refine(isOneLine, oneLine(name)));

/** An email address, checked as an address (a full stop in the domain, no quotes, brackets or spaces). */
export const emailAddress = (missing = "Enter an email address") =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(320, tooLong("Email address", 320))
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@nhs.net" }));

/** A password as typed, never trimmed: spaces may be part of it. */
export const passwordEntered = (missing: string) => z.string({ error: missing }).min(1, missing);

// ---- Numbers: typed into a text box, so every way it can be wrong has its own words ----

export interface NumberRules {
  notNumber: string;
  min: number;
  tooSmall: string;
  max: number;
  tooBig: string;
  /** Refuse fractions: minutes, not hours. */
  whole?: boolean;
}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** The number, rounded to hundredths, or the message for what is wrong with it. */
function checkNumber(text: string, rules: NumberRules): { n: number } | { message: string } {
  const n = Number(text);
  if (!DECIMAL.test(text) || (rules.whole && !Number.isInteger(n))) return { message: rules.notNumber };
  if (n < rules.min) return { message: rules.tooSmall };
  if (n > rules.max) return { message: rules.tooBig };
  return { n: Math.round(n * 100) / 100 };
}

const toNumber = (rules: NumberRules) => (text: string, ctx: z.RefinementCtx) => {
  const checked = checkNumber(text, rules);
  if ("n" in checked) return checked.n;
  ctx.addIssue({ code: "custom", message: checked.message });
  return z.NEVER;
};

/** A number from `min` to `max`, like hours of CPD or minutes of a meeting. */
export const boundedNumber = (missing: string, rules: NumberRules) =>
  z.string({ error: missing }).trim().min(1, missing).transform(toNumber(rules));

/** The same, for a number that may be left blank (null). */
export const optionalBoundedNumber = (rules: NumberRules) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => (text ? toNumber(rules)(text, ctx) : null));

// ---- Choices: radios, selects and checkboxes, whose values the page itself offered ----

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** Refuses with `message` anything the check does not accept, else gives it typed. */
const accept =
  <In, Out extends In>(ok: (v: In) => v is Out, message: string) =>
  (v: In, ctx: z.RefinementCtx): Out => {
    if (ok(v)) return v;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };

/** One of a fixed list (radios or a select); anything else, or nothing, gets `message`. */
export const oneOf = <const T extends string>(choices: readonly T[], message: string) =>
  z.enum(choices as readonly [T, ...T[]], { error: message });

/** One of the keys of a labels record (the vocabulary's CPD types, evidence types and so on). */
export const oneOfLabelled = <T extends string>(labels: Record<T, string>, message: string) =>
  oneOf(Object.keys(labels) as T[], message);

/** One of a list that may be left blank (null): an optional select. */
export const optionalOneOf = <const T extends string>(choices: readonly T[], message: string) =>
  blankIsNull(z.string()).transform(accept((v): v is T | null => v === null || isIn(choices, v), message));

/** Ticked boxes: each must be one of `choices` (repeats dropped); `atLeastOne` says to tick one when none are. */
export const someOf = <const T extends string>(choices: readonly T[], message: string, atLeastOne?: string) =>
  (atLeastOne ? z.array(z.string()).min(1, atLeastOne) : z.array(z.string()))
    .transform(accept((picked): picked is T[] => picked.every((v) => isIn(choices, v)), message))
    .transform((picked) => [...new Set(picked)]);

const ID = /^[1-9]\d{0,9}$/;

/** A record's id from a select or hidden input: a whole number above zero, else `message`. */
export const recordId = (message: string) => z.string({ error: message }).trim().regex(ID, message).transform(Number);

/** The id of one of the records the page listed (the people or PCNs it offered). */
export const idFromList = (ids: readonly number[], message: string) =>
  recordId(message).refine((id) => ids.includes(id), message);

/** The same, for a select that may be left blank (null). */
export const optionalIdFromList = (ids: readonly number[], message: string) =>
  blankIsNull(z.string().trim())
    .transform(accept((v): v is string | null => v === null || (ID.test(v) && ids.includes(Number(v))), message))
    .transform((v) => (v === null ? null : Number(v)));

/** Parses a submitted form against a schema; on failure gives field errors and the values to refill. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: Submitted,
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
  Object.assign(raw, submittedDates(form));
  const result = schema.safeParse(raw);
  if (result.success && Object.keys(nulErrors).length === 0) return { ok: true, data: result.data };
  const errors = { ...(result.success ? {} : fieldErrors(result.error)), ...nulErrors };
  return { ok: false, errors, values: formValues(form, options.omitFromValues) };
}

/** A 400 response carrying field errors and what was typed: the way every action refuses a form. */
export function invalid(errors: FieldErrors, values: FormValues = {}) {
  return data({ errors, values } satisfies InvalidForm, { status: 400 });
}

/** The errors and typed values a refused form came back with, from any action's data; empty otherwise. */
export function refusalOf(actionData: unknown): Partial<InvalidForm> {
  if (typeof actionData !== "object" || actionData === null || !("errors" in actionData)) return {};
  const { errors, values } = actionData as InvalidForm;
  return { errors, values };
}

export function value(values: FormValues | undefined, key: string): string {
  const v = values?.[key];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function valueList(values: FormValues | undefined, key: string): string[] {
  const v = values?.[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

// ---- Dates: the NHS date input posts a day, a month and a year, each in its own box ----

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

/** "completedOn-day": the name (and id) of one of a date's three boxes. */
export const datePartName = (name: string, part: DatePart) => `${name}-${part}`;
const DATE_PART_KEY = /^(.+)-(day|month|year)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Every date posted as three boxes, as { day, month, year } under the date's own name. */
function submittedDates(form: Submitted): Record<string, DateParts> {
  const dates: Record<string, DateParts> = {};
  for (const key of new Set(form.keys())) {
    const match = DATE_PART_KEY.exec(key);
    if (!match) continue;
    const name = match[1]!;
    dates[name] ??= { day: "", month: "", year: "" };
    dates[name][match[2] as DatePart] = String(form.get(key) ?? "").trim();
  }
  return dates;
}

/** The three boxes as typed, or a stored "YYYY-MM-DD" split into them (27, 3, 2026). */
export function datePartsOf(values: FormValues | undefined, name: string): DateParts {
  if (DATE_PARTS.some((part) => values?.[datePartName(name, part)] !== undefined)) {
    return {
      day: value(values, datePartName(name, "day")),
      month: value(values, datePartName(name, "month")),
      year: value(values, datePartName(name, "year")),
    };
  }
  const iso = ISO_DATE.exec(value(values, name));
  return iso
    ? { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1]! }
    : { day: "", month: "", year: "" };
}

const partIsValid: Record<DatePart, (text: string) => boolean> = {
  day: (t) => /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 31,
  month: (t) => /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 12,
  year: (t) => /^\d{4}$/.test(t),
};

function isoOf(parts: DateParts): string | null {
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  // 31 February rolls over to 3 March: a real date reads back as what was typed.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${parts.year}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
}

/** Which boxes to highlight when the date has an error: the wrong ones, else the day of 31 February, else all. */
export function datePartsInError(parts: DateParts): DatePart[] {
  const wrong = DATE_PARTS.filter((part) => !partIsValid[part](parts[part]));
  if (wrong.length) return wrong;
  return isoOf(parts) ? [...DATE_PARTS] : ["day"];
}

export interface DateRules {
  /** Earliest date allowed, "YYYY-MM-DD"; nothing in this service happened before 2000. */
  notBefore?: string;
  /** Refuse dates after today in England: things that have happened already. */
  past?: boolean;
}

const EARLIEST = "2000-01-01";

const listed = (parts: string[]) =>
  parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;

/** The date as "YYYY-MM-DD", or the message to show beside it; null when nothing was entered. */
function checkDate(input: unknown, label: string, rules: DateRules): { iso: string } | { message: string } | null {
  let parts: DateParts = { day: "", month: "", year: "" };
  if (typeof input === "object" && input !== null) parts = { ...parts, ...(input as Partial<DateParts>) };
  else if (typeof input === "string" && input.trim()) {
    // Scripts and older clients may post one "YYYY-MM-DD" value; it gets the same checks as the three boxes.
    const iso = ISO_DATE.exec(input.trim());
    if (!iso) return { message: `The ${label} must be a real date` };
    parts = { day: iso[3]!, month: iso[2]!, year: iso[1]! };
  }
  const missing = DATE_PARTS.filter((part) => !parts[part]);
  if (missing.length === DATE_PARTS.length) return null;
  if (missing.length) return { message: `The ${label} must include a ${listed(missing)}` };
  const wrong = DATE_PARTS.filter((part) => !partIsValid[part](parts[part]));
  if (wrong.length === 1 && wrong[0] === "year" && /^\d+$/.test(parts.year))
    return { message: "Year must include 4 numbers" };
  const date = wrong.length ? null : isoOf(parts);
  if (!date) return { message: `The ${label} must be a real date` };
  const notBefore = rules.notBefore ?? EARLIEST;
  if (date < notBefore) return { message: `The ${label} must be on or after ${formatDate(notBefore)}` };
  if (rules.past && date > todayInLondon(new Date())) return { message: `The ${label} must be today or in the past` };
  return { iso: date };
}

/**
 * A date from the NHS date input (see DateInput), as "YYYY-MM-DD". Messages name the date by `label`, for example
 * "date of the meeting": "Enter the date of the meeting", "The date of the meeting must be a real date".
 */
export function dateField(label: string, rules: DateRules = {}) {
  return z
    .unknown()
    .optional()
    .transform((input, ctx): string => {
      const checked = checkDate(input, label, rules) ?? { message: `Enter the ${label}` };
      if ("iso" in checked) return checked.iso;
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    });
}

/** A date that has happened already: an activity, a meeting. */
export const pastDate = (label: string) => dateField(label, { past: true });

/** The same, for a date that may be left blank (null). */
export function optionalDateField(label: string, rules: DateRules = {}) {
  return z
    .unknown()
    .optional()
    .transform((input, ctx): string | null => {
      const checked = checkDate(input, label, rules);
      if (checked === null || "iso" in checked) return checked?.iso ?? null;
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    });
}

/** A "from" and "to" date filter, each optional; "to" before "from" is an error on "to", not an empty list. */
const dateRangeSchema = z
  .object({ from: optionalDateField("‘from’ date"), to: optionalDateField("‘to’ date") })
  .superRefine(({ from, to }, ctx) => {
    if (from && to && to < from)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "The ‘to’ date must be the same as or after the ‘from’ date",
      });
  });

/** The date range in a GET filter's query string, with field errors and what was typed to show again. */
export function readDateRange(params: URLSearchParams): {
  from: string | null;
  to: string | null;
  errors: FieldErrors | undefined;
  values: FormValues;
} {
  const parsed = parseForm(dateRangeSchema, params);
  if (!parsed.ok) return { from: null, to: null, errors: parsed.errors, values: parsed.values };
  return { ...parsed.data, errors: undefined, values: formValues(params) };
}

/** A list's page number from the address: anything that is not a sensible page number shows the first page. */
export const pageNumber = () => z.coerce.number().int().min(1).max(10_000).catch(1);
