import { checkUpload, MAX_UPLOAD_REQUEST_BYTES } from "~/domain/file-check";
import { storeAttachment, type StoredAttachment } from "~/models/attachment.server";
import type { Actor } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { isFormContentType } from "~/lib/form-content-type";

/** Far more than any form here has (the evidence form has under 50), far fewer than would slow the server. */
export const MAX_FORM_FIELDS = 1000;

const refusal = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Reads a form that may carry files, refusing with a 4xx anything a browser's form post would not send: another
 * content type, a multipart body of unknown length, a body larger than any valid form, one that cannot be
 * parsed, or one with a flood of fields. Size is checked before the body is read, so a runaway upload cannot fill
 * the server's memory.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]!.trim().toLowerCase() ?? "";
  if (!isFormContentType(type)) throw refusal(415, "This form must be sent from its page in a web browser.");
  const declared = request.headers.get("Content-Length");
  // Browsers always say how big a form is; a stream of unknown length could be any size, so it is refused.
  if (declared === null && type === "multipart/form-data") throw refusal(411, "Send the form with its length.");
  if (Number(declared ?? "0") > MAX_UPLOAD_REQUEST_BYTES) {
    throw refusal(413, "The files you selected are too large together. Each file must be smaller than 10MB.");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw refusal(400, "The form could not be read. Go back and send it again.");
  }
  let fields = 0;
  for (const _ of form.keys()) if (++fields > MAX_FORM_FIELDS) throw refusal(413, "The form has too many fields.");
  return form;
}

export type UploadOutcome =
  { ok: true; stored: StoredAttachment[] } | { ok: false; message: string; stored: StoredAttachment[] };

/**
 * Checks and stores every file in a field. Files that pass are kept even when another fails, so the person only
 * has to choose the failing file again; the first failure is reported with its file name.
 */
export async function storeUploads(
  form: FormData,
  field: string,
  owner: { id: number; pcnId: number | null },
  actor: Actor,
): Promise<UploadOutcome> {
  const files = form.getAll(field).filter((f): f is File => typeof f !== "string" && f.name !== "");
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkUpload({ name: file.name, bytes });
    if (!checked.ok)
      return { ok: false, message: files.length > 1 ? `${file.name}: ${checked.message}` : checked.message, stored };
    stored.push(
      await storeAttachment(getDb(), env().DATA_DIR, { ownerId: owner.id, pcnId: owner.pcnId, checked, bytes }, actor),
    );
  }
  return { ok: true, stored };
}
