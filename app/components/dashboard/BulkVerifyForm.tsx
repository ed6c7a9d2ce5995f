import { Form } from "@remix-run/react";
import { ChoiceGroup, type Option } from "~/components/Fields";
import { TrainingVerificationFields } from "~/components/TrainingVerificationFields";
import { Button } from "~/components/kit/Button";
import { Body } from "~/components/kit/Text";
import { valueList, type FieldErrors, type FormValues } from "~/forms/fields";

/** A lead ticks the records of one training they have checked and says what they checked, for all at once. */
export function BulkVerifyForm({
  requirement,
  records,
  errors,
  values,
}: {
  requirement: { id: string; title: string; proof: string };
  records: Option[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <>
      <h2>{requirement.title}</h2>
      <Body size="s">Acceptable proof: {requirement.proof}</Body>
      {records.length ? (
        <Form method="post" noValidate>
          <input type="hidden" name="requirementId" value={requirement.id} />
          <ChoiceGroup
            name="recordIds"
            legend="Whose records have you checked?"
            hint="Only records not yet verified are listed. Your own are never listed: someone else must verify them."
            options={records}
            selected={valueList(values, "recordIds")}
            error={errors?.recordIds}
            multiple
          />
          <TrainingVerificationFields errors={errors} values={values} />
          <Button>Verify selected records</Button>
        </Form>
      ) : (
        <p>Nobody in your PCN has a record of this training waiting to be verified.</p>
      )}
    </>
  );
}
