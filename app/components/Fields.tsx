import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import {
  DATE_PARTS,
  datePartName,
  datePartsInError,
  datePartsOf,
  type DatePart,
  type FieldErrors,
  type FormValues,
} from "~/forms/fields";
import { errorTitle, withoutErrorPrefix } from "~/lib/page-title";
import { Column, Row } from "./kit/Grid";

/**
 * Puts focus on the field an error summary link names, without changing the address: to Remix a new address is a
 * navigation, which forgets the submission and with it every other error on the page. Without JavaScript the link's
 * own #field does the same job.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  const target = document.getElementById(field);
  const input = target?.matches("input, select, textarea") ? target : target?.querySelector("input, select, textarea");
  if (!(input instanceof HTMLElement)) return;
  event.preventDefault();
  input.focus();
}

/** NHS error summary: focusable, and each message links to the field it is about. */
export function ErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  const summary = useRef<HTMLDivElement>(null);
  // Move focus (and the view) to the summary each time a submission comes back with errors, as the NHS pattern does.
  // The title starts "Error: " while the errors show, so it is the first thing a screen reader hears.
  useEffect(() => {
    if (!entries.length) return;
    summary.current?.focus();
    document.title = errorTitle(document.title);
    return () => {
      document.title = withoutErrorPrefix(document.title);
    };
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps -- a new errors object means a new submission
  if (entries.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={summary}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {entries.map(([field, message]) => (
            <li key={field}>
              {field === "form" ? (
                message
              ) : (
                <a href={`#${field}`} onClick={(event) => focusField(event, field)}>
                  {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The red message under a field; its id is what the field's aria-describedby points at. */
export function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {message}
    </span>
  );
}

function Hint({ id, children }: { id: string | undefined; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="nhsuk-hint" id={id}>
      {children}
    </div>
  );
}

/** A form group that turns red when its field is wrong. */
export function FormGroup({ error, children }: { error: string | undefined; children: ReactNode }) {
  return <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>{children}</div>;
}

interface FieldShell {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined, className: (base: string) => string) => ReactNode;
}

function Field({ name, label, hint, error, children }: FieldShell) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={name}>
        {label}
      </label>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorMessage id={`${name}-error`} message={error} />
      {children(describedBy, (base) => (error ? `${base} ${base}--error` : base))}
    </FormGroup>
  );
}

interface InputProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "number" | "search";
  autoComplete?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  inputMode?: "numeric" | "decimal";
  step?: string;
  spellCheck?: boolean;
}

export function TextInput({
  type = "text",
  width,
  defaultValue,
  autoComplete,
  inputMode,
  step,
  spellCheck,
  ...field
}: InputProps) {
  return (
    <Field {...field}>
      {(describedBy, cls) => (
        <input
          className={cls("nhsuk-input") + (width ? ` nhsuk-input--width-${width}` : "")}
          id={field.name}
          name={field.name}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          inputMode={inputMode}
          step={step}
          spellCheck={spellCheck}
          aria-describedby={describedBy}
          aria-invalid={field.error ? true : undefined}
        />
      )}
    </Field>
  );
}

export function Textarea({ defaultValue, rows = 5, ...field }: Omit<InputProps, "type"> & { rows?: number }) {
  return (
    <Field {...field}>
      {(describedBy, cls) => (
        <textarea
          className={cls("nhsuk-textarea")}
          id={field.name}
          name={field.name}
          rows={rows}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
          aria-invalid={field.error ? true : undefined}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Options shown together under a heading in a select (an optgroup). */
export interface OptionGroup {
  label: string;
  options: Option[];
}

const optionElement = (o: Option) => (
  <option key={o.value} value={o.value}>
    {o.label}
  </option>
);

export function Select({
  options,
  defaultValue,
  ...field
}: Omit<InputProps, "type"> & { options: (Option | OptionGroup)[] }) {
  return (
    <Field {...field}>
      {(describedBy, cls) => (
        <select
          className={cls("nhsuk-select")}
          id={field.name}
          name={field.name}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
        >
          {options.map((o) =>
            "options" in o ? (
              <optgroup key={o.label} label={o.label}>
                {o.options.map(optionElement)}
              </optgroup>
            ) : (
              optionElement(o)
            ),
          )}
        </select>
      )}
    </Field>
  );
}

interface ChoiceGroupProps {
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  options: Option[];
  selected: string[];
  multiple?: boolean;
}

/** Radios (one choice) or checkboxes (several) in a fieldset; the first input takes the id errors link to. */
export function ChoiceGroup({ name, legend, hint, error, options, selected, multiple = false }: ChoiceGroupProps) {
  const kind = multiple ? "checkboxes" : "radios";
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <Hint id={hintId}>{hint}</Hint>
        <ErrorMessage id={`${name}-error`} message={error} />
        <div className={`nhsuk-${kind}`}>
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className={`nhsuk-${kind}__item`} key={o.value}>
                <input
                  className={`nhsuk-${kind}__input`}
                  id={id}
                  name={name}
                  type={multiple ? "checkbox" : "radio"}
                  value={o.value}
                  defaultChecked={selected.includes(o.value)}
                />
                <label className={`nhsuk-label nhsuk-${kind}__label`} htmlFor={id}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** One small checkbox on its own, outside a fieldset: a yes-or-no filter such as "Include deactivated people". */
export function Checkbox({
  name,
  value,
  label,
  defaultChecked,
}: {
  name: string;
  value: string;
  label: string;
  defaultChecked: boolean;
}) {
  return (
    <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
      <div className="nhsuk-checkboxes__item">
        <input
          className="nhsuk-checkboxes__input"
          id={name}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked}
        />
        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={name}>
          {label}
        </label>
      </div>
    </div>
  );
}

const DATE_PART_LABELS: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

interface DateInputProps {
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  /** What was typed (name-day, name-month, name-year) or a stored "YYYY-MM-DD" under `name`. */
  values: FormValues | undefined;
}

/**
 * The NHS date input: day, month and year boxes in a fieldset. With an error, the wrong boxes turn red and the first
 * of them takes the id `name`, so the error summary's link lands on it.
 */
export function DateInput({ name, legend, hint = "For example, 15 3 2026", error, values }: DateInputProps) {
  const parts = datePartsOf(values, name);
  const wrong = error ? datePartsInError(parts) : [];
  const linked = wrong[0] ?? "day";
  const idOf = (part: DatePart) => (part === linked ? name : datePartName(name, part));
  const hintId = `${name}-hint`;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        <Hint id={hintId}>{hint}</Hint>
        <ErrorMessage id={`${name}-error`} message={error} />
        <div className="nhsuk-date-input">
          {DATE_PARTS.map((part) => (
            <div className="nhsuk-date-input__item" key={part}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={idOf(part)}>
                  {DATE_PART_LABELS[part]}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === "year" ? 4 : 2}${wrong.includes(part) ? " nhsuk-input--error" : ""}`}
                  id={idOf(part)}
                  name={datePartName(name, part)}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  defaultValue={parts[part]}
                  aria-invalid={wrong.includes(part) ? true : undefined}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** "From" and "To" dates side by side, for filtering a list (see readDateRange). */
export function DateRangeInputs({
  values,
  errors,
}: {
  values: FormValues | undefined;
  errors: FieldErrors | undefined;
}) {
  return (
    <Row>
      <Column width="one-half">
        <DateInput name="from" legend="From" hint="For example, 1 4 2026" error={errors?.from} values={values} />
      </Column>
      <Column width="one-half">
        <DateInput name="to" legend="To" hint="For example, 31 3 2027" error={errors?.to} values={values} />
      </Column>
    </Row>
  );
}
