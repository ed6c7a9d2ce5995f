import { Form } from "@remix-run/react";
import { ChoiceGroup, DateInput, ErrorSummary, Select, TextInput, type Option } from "./Fields";
import { value, valueList, type FieldErrors, type FormValues } from "~/forms/fields";

interface Props {
  errors: FieldErrors | undefined;
  values: FormValues;
  jobRoles: Option[];
  pcns: Option[] | null;
  roles: Option[];
  submitLabel: string;
}

/** The fields of a person, shared by "add a person" and "change details". */
export function PersonForm({ errors, values, jobRoles, pcns, roles, submitLabel }: Props) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <TextInput
          name="name"
          label="Full name"
          autoComplete="off"
          error={errors?.name}
          defaultValue={value(values, "name")}
        />
        <TextInput
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors?.email}
          defaultValue={value(values, "email")}
        />
        <TextInput
          name="staffNumber"
          label="Staff number (optional)"
          hint="Their ESR employee number. Training imported from ESR is matched to people by it, or by email address."
          autoComplete="off"
          spellCheck={false}
          width={10}
          error={errors?.staffNumber}
          defaultValue={value(values, "staffNumber")}
        />
        {pcns ? (
          <Select
            name="pcnId"
            label="PCN"
            options={[{ value: "", label: "No PCN (administrators only)" }, ...pcns]}
            error={errors?.pcnId}
            defaultValue={value(values, "pcnId")}
          />
        ) : null}
        <Select
          name="jobRole"
          label="Job role"
          options={[{ value: "", label: "None (supervisor or manager only)" }, ...jobRoles]}
          error={errors?.jobRole}
          defaultValue={value(values, "jobRole")}
        />
        <TextInput
          name="fte"
          label="Full-time equivalent (optional)"
          hint="For example 1 for full time, 0.6 for three days a week. Supervision is expected pro rata."
          inputMode="decimal"
          width={4}
          error={errors?.fte}
          defaultValue={value(values, "fte")}
        />
        <DateInput name="startDate" legend="Start date (optional)" error={errors?.startDate} values={values} />
        <ChoiceGroup
          name="roles"
          legend="What can they do in Care Portfolio?"
          hint="Select all that apply"
          multiple
          options={roles}
          selected={valueList(values, "roles")}
          error={errors?.roles}
        />
        <button className="nhsuk-button" type="submit">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
