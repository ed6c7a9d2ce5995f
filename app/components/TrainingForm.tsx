import { Form } from "@remix-run/react";
import { TRAINING_STATUS_LABELS, options } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";
import { ChoiceGroup, DateInput, Select, TextInput, type Option, type OptionGroup } from "./Fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  /** The person's own role's training first, then "Other training". */
  requirements: OptionGroup[];
  /** The certificate already stored for this record (or uploaded with a form that came back with errors). */
  certificate: { id: number; fileName: string } | null;
  submitLabel: string;
}

/** The training a record is of, for this form and for a team session's. */
export function RequirementSelect({
  requirements,
  errors,
  values,
}: {
  requirements: (Option | OptionGroup)[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
    <Select
      name="requirementId"
      label="Training"
      options={[{ value: "", label: "Select the training" }, ...requirements]}
      error={errors?.requirementId}
      defaultValue={value(values, "requirementId")}
    />
  );
}

/** Adding or changing a training record: which training, how far through it, when, who ran it, and the certificate. */
export function TrainingForm({ errors, values, requirements, certificate, submitLabel }: Props) {
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <RequirementSelect requirements={requirements} errors={errors} values={values} />
      <ChoiceGroup
        name="status"
        legend="Status"
        options={options(TRAINING_STATUS_LABELS)}
        selected={[value(values, "status")]}
        error={errors?.status}
      />
      <DateInput
        name="completedOn"
        legend="Date you completed the training"
        hint="Only for completed training. For example, 27 3 2026"
        error={errors?.completedOn}
        values={values}
      />
      <TextInput
        name="provider"
        label="Provider (optional)"
        hint="Who ran the training, for example the Personalised Care Institute"
        error={errors?.provider}
        defaultValue={value(values, "provider")}
      />
      <input type="hidden" name="attachmentId" value={certificate ? String(certificate.id) : ""} />
      <div className={`nhsuk-form-group${errors?.certificate ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label" htmlFor="certificate">
          {certificate ? "Replace the certificate (optional)" : "Certificate (optional)"}
        </label>
        <div className="nhsuk-hint" id="certificate-hint">
          {certificate ? `Stored: ${certificate.fileName}. ` : ""}PDF, PNG, JPEG or Word (DOCX), smaller than 10MB. A
          supervisor or lead checks it to verify the record.
        </div>
        {errors?.certificate ? (
          <span className="nhsuk-error-message" id="certificate-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.certificate}
          </span>
        ) : null}
        <input
          className="nhsuk-file-upload"
          id="certificate"
          name="certificate"
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx"
          aria-describedby={errors?.certificate ? "certificate-hint certificate-error" : "certificate-hint"}
        />
      </div>
      <button className="nhsuk-button" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
