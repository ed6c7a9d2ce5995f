import { Form } from "@remix-run/react";
import { ChoiceGroup, DateInput, ErrorMessage, ErrorSummary, FormGroup, Select, TextInput, Textarea } from "./Fields";
import { EVIDENCE_TYPES, options } from "~/domain/vocabulary";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";

export interface AreaOption {
  id: string;
  title: string;
  competencies: { id: string; title: string }[];
}

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  areas: AreaOption[];
  attachments: { id: number; fileName: string }[];
  patientDataFindings: string[];
  submitLabel: string;
}

/** Writing or amending a piece of evidence: what happened, the reflection, competencies and files. */
export function EvidenceForm({ errors, values, areas, attachments, patientDataFindings, submitLabel }: Props) {
  const keptAttachments = new Set(valueList(values, "attachmentIds").map(Number));
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <TextInput name="title" label="Title" error={errors?.title} defaultValue={value(values, "title")} />
        <DateInput name="activityDate" legend="Date of the activity" error={errors?.activityDate} values={values} />
        <Select
          name="type"
          label="Type of evidence"
          options={[{ value: "", label: "Select a type" }, ...options(EVIDENCE_TYPES)]}
          error={errors?.type}
          defaultValue={value(values, "type")}
        />
        <Textarea
          name="whatHappened"
          label="What happened"
          hint="Describe the activity. Case studies must be anonymised: no names, NHS numbers, dates of birth, addresses or phone numbers."
          error={errors?.whatHappened}
          defaultValue={value(values, "whatHappened")}
          rows={6}
        />
        <Textarea
          name="whatLearned"
          label="What I learned"
          error={errors?.whatLearned}
          defaultValue={value(values, "whatLearned")}
        />
        <Textarea
          name="whatNext"
          label="What I will do differently"
          error={errors?.whatNext}
          defaultValue={value(values, "whatNext")}
        />
        <FormGroup error={errors?.competencyIds}>
          <fieldset
            className="nhsuk-fieldset"
            aria-describedby={errors?.competencyIds ? "competencyIds-error" : undefined}
          >
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              Competencies this evidence shows
            </legend>
            <ErrorMessage id="competencyIds-error" message={errors?.competencyIds} />
            {areas.map((area, areaIndex) => (
              <div key={area.id}>
                <h3 className="nhsuk-heading-s nhsuk-u-margin-top-4">{area.title}</h3>
                <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                  {area.competencies.map((c, i) => {
                    const id = areaIndex === 0 && i === 0 ? "competencyIds" : `competency-${c.id}`;
                    return (
                      <div className="nhsuk-checkboxes__item" key={c.id}>
                        <input
                          className="nhsuk-checkboxes__input"
                          id={id}
                          name="competencyIds"
                          type="checkbox"
                          value={c.id}
                          defaultChecked={valueList(values, "competencyIds").includes(c.id)}
                        />
                        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                          {c.title}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </div>
            ))}
          </fieldset>
        </FormGroup>
        {attachments.length ? (
          <ChoiceGroup
            name="attachmentIds"
            legend="Files already attached"
            hint="Untick a file to remove it from this evidence"
            multiple
            options={attachments.map((a) => ({ value: String(a.id), label: a.fileName }))}
            selected={attachments
              .filter((a) => keptAttachments.has(a.id) || !values.attachmentIds)
              .map((a) => String(a.id))}
          />
        ) : null}
        <FormGroup error={errors?.files}>
          <label className="nhsuk-label" htmlFor="files">
            Add files (optional)
          </label>
          <div className="nhsuk-hint" id="files-hint">
            PDF, PNG, JPEG or Word (DOCX), each smaller than 10MB
          </div>
          <ErrorMessage id="files-error" message={errors?.files} />
          <input
            className="nhsuk-file-upload"
            id="files"
            name="files"
            type="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.docx"
            aria-describedby={errors?.files ? "files-hint files-error" : "files-hint"}
          />
        </FormGroup>
        {patientDataFindings.length ? (
          <FormGroup error={errors?.confirmNotPatientData}>
            <div className="nhsuk-warning-callout">
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>Check for patient details
                </span>
              </h3>
              <p>This text may identify a patient:</p>
              <ul>
                {patientDataFindings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
              <p>Remove anything that could identify a person, or confirm it is not patient data.</p>
            </div>
            <ErrorMessage id="confirmNotPatientData-error" message={errors?.confirmNotPatientData} />
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="confirmNotPatientData"
                  name="confirmNotPatientData"
                  type="checkbox"
                  value="yes"
                  aria-describedby={errors?.confirmNotPatientData ? "confirmNotPatientData-error" : undefined}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="confirmNotPatientData">
                  I have checked: this is not patient data
                </label>
              </div>
            </div>
          </FormGroup>
        ) : null}
        <button className="nhsuk-button" type="submit">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
