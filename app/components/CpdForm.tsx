import { Form } from "@remix-run/react";
import { CPD_TYPES, options } from "~/domain/vocabulary";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";
import { ChoiceGroup, DateInput, Select, TextInput, Textarea } from "./Fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  competencies: { id: string; title: string }[];
  submitLabel: string;
}

/** Adding or changing a CPD entry. */
export function CpdForm({ errors, values, competencies, submitLabel }: Props) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <TextInput
        name="activity"
        label="Activity"
        hint="For example, ‘Webinar: supporting people with long-term conditions’"
        error={errors?.activity}
        defaultValue={value(values, "activity")}
      />
      <DateInput name="activityDate" legend="Date of the activity" error={errors?.activityDate} values={values} />
      <TextInput
        name="hours"
        label="Hours"
        hint="From 0.25 (15 minutes) to 100. For example, 1.5"
        width={4}
        inputMode="decimal"
        error={errors?.hours}
        defaultValue={value(values, "hours")}
      />
      <Select
        name="type"
        label="Type of CPD"
        options={[{ value: "", label: "Select a type" }, ...options(CPD_TYPES)]}
        error={errors?.type}
        defaultValue={value(values, "type")}
      />
      <TextInput
        name="provider"
        label="Provider (optional)"
        error={errors?.provider}
        defaultValue={value(values, "provider")}
      />
      <Textarea
        name="reflection"
        label="Reflection"
        hint="What you learned and how you will use it. Do not include anything that could identify a patient."
        error={errors?.reflection}
        defaultValue={value(values, "reflection")}
      />
      <ChoiceGroup
        name="competencyIds"
        legend="Competencies this CPD supports (optional)"
        multiple
        options={competencies.map((c) => ({ value: c.id, label: c.title }))}
        selected={valueList(values, "competencyIds")}
        error={errors?.competencyIds}
      />
      <button className="nhsuk-button" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
