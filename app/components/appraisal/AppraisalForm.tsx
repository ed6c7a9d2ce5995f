import { Form } from "@remix-run/react";
import { DateInput, Select, Textarea, TextInput } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import { Heading } from "~/components/kit/Text";
import { OBJECTIVE_SLOTS, objectiveDateField, objectiveTitleField } from "~/forms/appraisal-fields";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  periods: string[];
  submitLabel: string;
  /** Set when the form changes an existing record (its action takes an intent). */
  intent?: "edit";
}

/** The appraisal record: when it was held, the period it looks back on, a summary and the objectives agreed. */
export function AppraisalForm({ errors, values, periods, submitLabel, intent }: Props) {
  return (
    <Form method="post" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <DateInput name="heldOn" legend="Date of the appraisal" error={errors?.heldOn} values={values} />
      <Select
        name="period"
        label="Appraisal year it looks back on"
        options={periods.map((p) => ({ value: p, label: p }))}
        error={errors?.period}
        defaultValue={value(values, "period")}
      />
      <Textarea
        name="summary"
        label="Summary"
        hint="What you discussed: achievements, what went less well, wellbeing and support needed."
        rows={8}
        error={errors?.summary}
        defaultValue={value(values, "summary")}
      />
      <Heading level={2} size="m">
        Objectives agreed
      </Heading>
      <p>
        Each objective goes into their development plan, already agreed, once you have both confirmed the appraisal.
      </p>
      {OBJECTIVE_SLOTS.map((n) => (
        <div key={n}>
          <TextInput
            name={objectiveTitleField(n)}
            label={`Objective ${n} (optional)`}
            error={errors?.[objectiveTitleField(n)]}
            defaultValue={value(values, objectiveTitleField(n))}
          />
          <DateInput
            name={objectiveDateField(n)}
            legend={`Target date of objective ${n}`}
            error={errors?.[objectiveDateField(n)]}
            values={values}
          />
        </div>
      ))}
      <Button>{submitLabel}</Button>
    </Form>
  );
}
