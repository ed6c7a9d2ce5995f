import { Form } from "@remix-run/react";
import { Button } from "~/components/kit/Button";
import { ChoiceGroup, DateInput, Select, Textarea, TextInput } from "~/components/Fields";
import { GOAL_METHODS, options } from "~/domain/vocabulary";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  competencies: { id: string; title: string }[];
  training: { id: string; title: string }[];
}

/** Adding a goal to a personal development plan: what, why, the competencies it builds, how and by when. */
export function GoalForm({ errors, values, competencies, training }: Props) {
  return (
    <Form method="post" noValidate>
      <TextInput
        name="title"
        label="What do you want to achieve?"
        hint="For example, ‘Run a group session on living well with diabetes’"
        error={errors?.title}
        defaultValue={value(values, "title")}
      />
      <Textarea
        name="reason"
        label="Why does this matter?"
        hint="For the people you support, your team or your own development."
        rows={3}
        error={errors?.reason}
        defaultValue={value(values, "reason")}
      />
      <ChoiceGroup
        name="competencyIds"
        legend="Competencies this goal builds"
        multiple
        options={competencies.map((c) => ({ value: c.id, label: c.title }))}
        selected={valueList(values, "competencyIds")}
        error={errors?.competencyIds}
      />
      <ChoiceGroup
        name="methods"
        legend="How will you meet it?"
        hint="Select all that apply"
        multiple
        options={options(GOAL_METHODS)}
        selected={valueList(values, "methods")}
        error={errors?.methods}
      />
      <Select
        name="trainingRequirementId"
        label="Training from the catalogue (if you will do training)"
        options={[{ value: "", label: "No training" }, ...training.map((t) => ({ value: t.id, label: t.title }))]}
        error={errors?.trainingRequirementId}
        defaultValue={value(values, "trainingRequirementId")}
      />
      <Textarea
        name="howDetails"
        label="More about how (optional)"
        hint="For example, who you will shadow or what you will read."
        rows={3}
        error={errors?.howDetails}
        defaultValue={value(values, "howDetails")}
      />
      <DateInput name="targetDate" legend="Target date" error={errors?.targetDate} values={values} />
      <Button>Add goal</Button>
    </Form>
  );
}
