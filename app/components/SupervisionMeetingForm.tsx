import { Form } from "@remix-run/react";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";
import { MEETING_MODE_CHOICES, options } from "~/domain/vocabulary";
import { ChoiceGroup, DateInput, Select, TextInput, Textarea } from "./Fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  supervisors: { id: number; name: string }[];
}

/** A supervision meeting: when, how long, how, what was discussed, and flags (never details) for concerns. */
export function SupervisionMeetingForm({ errors, values, supervisors }: Props) {
  return (
    <Form method="post" noValidate>
      <Select
        name="supervisorId"
        label="Supervisor"
        options={[
          { value: "", label: "Select the supervisor" },
          ...supervisors.map((s) => ({ value: String(s.id), label: s.name })),
        ]}
        error={errors?.supervisorId}
        defaultValue={value(values, "supervisorId")}
      />
      <DateInput name="metOn" legend="Date of the meeting" error={errors?.metOn} values={values} />
      <TextInput
        name="minutes"
        label="Length in minutes"
        hint="For example, 45"
        width={3}
        inputMode="numeric"
        error={errors?.minutes}
        defaultValue={value(values, "minutes")}
      />
      <ChoiceGroup
        name="mode"
        legend="How did you meet?"
        options={options(MEETING_MODE_CHOICES)}
        selected={[value(values, "mode")]}
        error={errors?.mode}
      />
      <Textarea
        name="topics"
        label="Topics discussed"
        hint="Do not write anything that could identify a patient: no names, NHS numbers, dates of birth, addresses or phone numbers."
        error={errors?.topics}
        defaultValue={value(values, "topics")}
      />
      <ChoiceGroup
        name="concerns"
        legend="Were any concerns discussed? (optional)"
        hint="Tick any that apply. Record only that they were discussed; details belong in the patient record or safeguarding referral."
        multiple
        options={[
          { value: "patientConcerns", label: "Patient-related concerns" },
          { value: "safeguardingConcerns", label: "Safeguarding concerns" },
        ]}
        selected={valueList(values, "concerns")}
        error={errors?.concerns}
      />
      <Textarea
        name="actions"
        label="Actions agreed"
        hint="Write ‘None’ if no actions were agreed."
        error={errors?.actions}
        defaultValue={value(values, "actions")}
      />
      <button className="nhsuk-button" type="submit">
        Record meeting
      </button>
    </Form>
  );
}
