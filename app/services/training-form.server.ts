import { data } from "@remix-run/node";
import { trainingSchema } from "~/forms/compliance.server";
import { formValues, parseForm, type FieldErrors } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { getAttachment, ownedAttachmentIds } from "~/models/attachment.server";
import type { TrainingInput } from "~/models/training.server";
import type { Actor } from "~/models/user.server";
import { readForm, storeUploads } from "./upload.server";

export interface Certificate {
  id: number;
  fileName: string;
}

/**
 * Reads the training form. A certificate that passes the upload checks is stored before the other fields are
 * checked, so when something else is wrong the person does not have to choose the file again.
 */
export async function readTrainingForm(request: Request, owner: { id: number; pcnId: number | null }, actor: Actor) {
  const form = await readForm(request);
  const upload = await storeUploads(form, "certificate", owner, actor);
  const parsed = parseForm(trainingSchema(), form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (!upload.ok) errors.certificate = `${upload.message}. Choose the file again`;

  const kept = Number(form.get("attachmentId"));
  const [owned] = Number.isInteger(kept) && kept > 0 ? await ownedAttachmentIds(getDb(), owner.id, [kept]) : [];
  const attachmentId = upload.stored.at(-1)?.id ?? owned ?? null;
  const attachment = attachmentId === null ? undefined : await getAttachment(getDb(), attachmentId);
  const certificate: Certificate | null = attachment ? { id: attachment.id, fileName: attachment.fileName } : null;

  if (!parsed.ok || Object.keys(errors).length) {
    const values = { ...formValues(form, ["certificate"]), attachmentId: certificate ? String(certificate.id) : "" };
    return { ok: false as const, response: data({ errors, values, certificate }, { status: 400 }) };
  }
  const { requirementId, status, provider } = parsed.data;
  const input: TrainingInput = { requirementId, status, provider, completedOn: parsed.data.completedOn, attachmentId };
  return { ok: true as const, input };
}
