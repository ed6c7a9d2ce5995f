import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { BackLink } from "~/components/kit/Text";
import { WarningCallout } from "~/components/kit/WarningCallout";
import { ImportPreview } from "~/components/training-import/ImportPreview";
import { ImportUploadForm } from "~/components/training-import/ImportUploadForm";
import { canImportTraining } from "~/domain/permissions";
import { MAX_IMPORT_BYTES } from "~/domain/training-import-file";
import { invalid, parseForm, singleLine } from "~/forms/fields";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { actorOf, requireUserWho } from "~/services/auth.server";
import { applyImport, previewImport, type Preview, type UploadedFile } from "~/services/training-import.server";
import { readForm } from "~/services/upload.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Import training records") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWho(request, context, canImportTraining);
  return { maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 };
}

const confirmation = z.object({
  fileName: singleLine("Upload the file again", "File name", 300),
  fileData: z.base64("Upload the file again"),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Upload the file again"),
});

/** The preview, or the file's one problem as the file field's error; nothing is saved either way. */
function answer(preview: Preview, bytes: Uint8Array, stale = false) {
  if (!preview.ok) return invalid({ file: `${preview.fileName}: ${preview.problem}` });
  return { preview, fileData: Buffer.from(bytes).toString("base64"), stale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWho(request, context, canImportTraining);
  const actor = actorOf(user, context);
  const form = await readForm(request);
  if (form.get("intent") === "apply") {
    const parsed = parseForm(confirmation, form);
    if (!parsed.ok) return invalid({ file: "Upload the file again" });
    const upload: UploadedFile = { fileName: parsed.data.fileName, bytes: Buffer.from(parsed.data.fileData, "base64") };
    const result = await applyImport(user, actor, upload, parsed.data.fingerprint);
    if (!result.applied) return answer(result.preview, upload.bytes, true);
    const { counts } = result;
    return redirectWithFlash(
      request,
      "/dashboard",
      `Training imported from ${upload.fileName}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`,
    );
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.name === "") return invalid({ file: "Select a CSV file to import" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return answer(await previewImport(user, actor, { fileName: file.name, bytes }), bytes);
}

export default function ImportTraining() {
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const shown = actionData && "preview" in actionData ? actionData : null;
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to="/dashboard">Back to the dashboard</BackLink>
      <h1>Import training records</h1>
      <p>
        Upload your staff&apos;s training from an ESR compliance export, or from the{" "}
        <a href="/dashboard/import-template.csv" download>
          template (CSV)
        </a>{" "}
        with one row per person and training: their email address or staff number, the training&apos;s name as this app
        shows it, and the date they completed it. You will see what the file would change before anything is saved.
        Importing the same file again changes nothing.
      </p>
      <ImportUploadForm errors={errors} maxMegabytes={maxMegabytes} />
      {shown?.stale ? (
        <WarningCallout title="Records changed since you checked the file" alert>
          <p>Someone changed these training records while you were reading the preview. Check it again below.</p>
        </WarningCallout>
      ) : null}
      {shown && shown.preview.ok ? (
        <ImportPreview
          fileName={shown.preview.fileName}
          counts={shown.preview.counts}
          plan={shown.preview.plan}
          fileData={shown.fileData}
          fingerprint={shown.preview.fingerprint}
        />
      ) : null}
    </>
  );
}
