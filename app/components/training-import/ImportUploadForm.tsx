import { Form, useNavigation } from "@remix-run/react";
import { ErrorMessage, FormGroup } from "~/components/Fields";
import { Button } from "~/components/kit/Button";
import type { FieldErrors } from "~/forms/fields";
import { ProgressStatus } from "./ProgressStatus";

/** Choosing the file. While it uploads and is checked (a large file takes a while) a progress bar says so. */
export function ImportUploadForm({ errors, maxMegabytes }: { errors: FieldErrors | undefined; maxMegabytes: number }) {
  const navigation = useNavigation();
  const checking = navigation.state === "submitting" && navigation.formData?.get("intent") === "preview";
  const describedBy = ["file-hint", errors?.file ? "file-error" : null].filter(Boolean).join(" ");
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <input type="hidden" name="intent" value="preview" />
      <FormGroup error={errors?.file}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="file">
          Training file (CSV)
        </label>
        <div className="nhsuk-hint" id="file-hint">
          An ESR compliance export, or the template below filled in. CSV, up to {maxMegabytes}MB. Nothing is saved until
          you have checked what it will do.
        </div>
        <ErrorMessage id="file-error" message={errors?.file} />
        <input
          className="nhsuk-file-upload"
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={describedBy}
        />
      </FormGroup>
      <Button disabled={checking}>Check the file</Button>
      <ProgressStatus id="import-progress" busy={checking} label="Uploading and checking the file" />
    </Form>
  );
}
