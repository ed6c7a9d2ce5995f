import { checkUpload, MAX_UPLOAD_REQUEST_BYTES } from "~/domain/file-check";
import { storeAttachment, type StoredAttachment } from "~/models/attachment.server";
import type { Actor } from "~/models/user.server";
import { getDb } from "./db.server";
import { env } from "./env.server";

/**
 * Reads a form that may carry files. A request larger than any valid form is refused before it is read, so a
 * runaway upload cannot fill the server's memory.
 */
export async function readForm(request: Request): Promise<FormData> {
  const declared = request.headers.get("Content-Length");
  // Browsers always say how big a form is; a stream of unknown length could be any size, so it is refused.
  if (declared === null && request.headers.get("Content-Type")?.startsWith("multipart/")) {
    throw new Response("Send the form with its length.", { status: 411 });
  }
  if (Number(declared ?? "0") > MAX_UPLOAD_REQUEST_BYTES) {
    throw new Response("The files you selected are too large together. Each file must be smaller than 10MB.", { status: 413 });
  }
  return request.formData();
}

export type UploadOutcome = { ok: true; stored: StoredAttachment[] } | { ok: false; message: string; stored: StoredAttachment[] };

/**
 * Checks and stores every file in a field. Files that pass are kept even when another fails, so the person only
 * has to choose the failing file again; the first failure is reported with its file name.
 */
export async function storeUploads(form: FormData, field: string, owner: { id: number; pcnId: number | null }, actor: Actor): Promise<UploadOutcome> {
  const files = form.getAll(field).filter((f): f is File => typeof f !== "string" && f.name !== "");
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkUpload({ name: file.name, bytes });
    if (!checked.ok) return { ok: false, message: files.length > 1 ? `${file.name}: ${checked.message}` : checked.message, stored };
    stored.push(await storeAttachment(getDb(), env().DATA_DIR, { ownerId: owner.id, pcnId: owner.pcnId, checked, bytes }, actor));
  }
  return { ok: true, stored };
}
