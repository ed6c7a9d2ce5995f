import { Form } from "@remix-run/react";
import { TextInput } from "./Fields";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

/** The fields of a PCN, shared by "add a PCN" and "change a PCN". */
export function PcnForm({
  errors,
  values,
  submitLabel,
}: {
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <TextInput name="name" label="PCN name" error={errors?.name} defaultValue={value(values, "name")} />
      <TextInput
        name="odsCode"
        label="ODS code"
        hint="The PCN's Organisation Data Service code: U followed by 5 numbers, for example U12345"
        width={10}
        spellCheck={false}
        error={errors?.odsCode}
        defaultValue={value(values, "odsCode")}
      />
      <TextInput
        name="icsName"
        label="Integrated care system (optional)"
        error={errors?.icsName}
        defaultValue={value(values, "icsName")}
      />
      <button className="nhsuk-button" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
