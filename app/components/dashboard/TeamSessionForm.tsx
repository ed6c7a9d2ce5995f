import { Form } from "@remix-run/react";
import { ChoiceGroup, DateInput, TextInput, type Option } from "~/components/Fields";
import { RequirementSelect } from "~/components/TrainingForm";
import { Button } from "~/components/kit/Button";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";

/** A lead records one training session the team attended: the training, the day, who ran it and who came. */
export function TeamSessionForm({
  requirements,
  staff,
  errors,
  values,
}: {
  requirements: Option[];
  staff: Option[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <Form method="post" noValidate>
      <RequirementSelect requirements={requirements} errors={errors} values={values} />
      <DateInput name="completedOn" legend="Date of the session" error={errors?.completedOn} values={values} />
      <TextInput
        name="provider"
        label="Who ran the session (optional)"
        error={errors?.provider}
        defaultValue={value(values, "provider")}
      />
      <ChoiceGroup
        name="personIds"
        legend="Who attended?"
        hint="Select all that apply. Each person gets a completed training record of their own."
        options={staff}
        selected={valueList(values, "personIds")}
        error={errors?.personIds}
        multiple
      />
      <Button>Record the session</Button>
    </Form>
  );
}
