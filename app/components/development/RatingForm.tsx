import { Form } from "@remix-run/react";
import { Button } from "~/components/kit/Button";
import { ChoiceGroup, Select, Textarea } from "~/components/Fields";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  areas: { title: string; competencies: { id: string; title: string }[] }[];
  levels: { id: string; title: string; descriptor: string }[];
}

/** Rating oneself on a competency; every rating is kept, so rating again adds to the history. */
export function RatingForm({ errors, values, areas, levels }: Props) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="rate" />
      <Select
        name="competencyId"
        label="Competency"
        options={[
          { value: "", label: "Select a competency" },
          ...areas.map((a) => ({
            label: a.title,
            options: a.competencies.map((c) => ({ value: c.id, label: c.title })),
          })),
        ]}
        error={errors?.competencyId}
        defaultValue={value(values, "competencyId")}
      />
      <ChoiceGroup
        name="level"
        legend="Your level"
        options={levels.map((l) => ({ value: l.id, label: `${l.title}: ${l.descriptor}` }))}
        selected={[value(values, "level")]}
        error={errors?.level}
      />
      <Textarea
        name="note"
        label="Note (optional)"
        hint="What this rating is based on. Do not include anything that could identify a patient."
        rows={3}
        error={errors?.note}
        defaultValue={value(values, "note")}
      />
      <Button>Save rating</Button>
    </Form>
  );
}
