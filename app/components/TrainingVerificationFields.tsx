import { options, VERIFICATION_METHODS } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";
import { ChoiceGroup, Textarea } from "./Fields";

/** What the verifier checked, shared by verifying one record and verifying several from the dashboard. */
export function TrainingVerificationFields({
  errors,
  values,
}: {
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <>
      <ChoiceGroup
        name="method"
        legend="What did you check?"
        hint="You do not need an uploaded certificate. Say how you know the training is done, or booked."
        options={options(VERIFICATION_METHODS)}
        selected={[value(values, "method")]}
        error={errors?.method}
      />
      <Textarea
        name="note"
        label="Note (needed if you checked something else)"
        hint="For example, ‘Email from the course provider confirming attendance, 3 March’"
        rows={3}
        error={errors?.note}
        defaultValue={value(values, "note")}
      />
    </>
  );
}
