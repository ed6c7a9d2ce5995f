import { data, redirect } from "@remix-run/node";
import { ownedAttachmentIds } from "~/models/attachment.server";
import type { EvidenceInput, EvidenceResult } from "~/models/evidence.server";
import type { Actor, Person } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { EVIDENCE_ARRAYS, evidenceSchema, patientDataFindings } from "~/forms/evidence.server";
import { formValues, parseForm, type FieldErrors } from "~/forms/fields";
import { readForm, storeUploads } from "./upload.server";

/**
 * The evidence form's action, shared by "add" and "change": store any valid files first (so they are not lost
 * if another field is wrong), validate, run the patient data guard, then save through `save`.
 * On any problem the form comes back with every field as typed and the files already stored still attached.
 */
export async function handleEvidenceForm(
  request: Request,
  owner: Person,
  actor: Actor,
  knownAttachments: { id: number; fileName: string }[],
  save: (input: EvidenceInput) => Promise<EvidenceResult>,
) {
  const form = await readForm(request);
  const uploads = await storeUploads(form, "files", owner, actor);
  const parsed = parseForm(evidenceSchema(), form, { arrays: EVIDENCE_ARRAYS });
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (!uploads.ok) errors.files = `${uploads.message}. Choose the file again`;

  const requested = parsed.ok
    ? parsed.data.attachmentIds
    : form.getAll("attachmentIds").map(Number).filter(Number.isInteger);
  const attachmentIds = [
    ...new Set([...(await ownedAttachmentIds(getDb(), owner.id, requested)), ...uploads.stored.map((s) => s.id)]),
  ];
  const attachments = [
    ...knownAttachments.filter((a) => attachmentIds.includes(a.id)),
    ...uploads.stored.filter((s) => !knownAttachments.some((k) => k.id === s.id)),
  ];

  const findings = parsed.ok ? patientDataFindings(parsed.data) : [];
  if (parsed.ok && findings.length && parsed.data.confirmNotPatientData !== "yes") {
    errors.confirmNotPatientData =
      "Remove the details that could identify a patient, or confirm this is not patient data";
  }
  if (!parsed.ok || Object.keys(errors).length) {
    const values = {
      ...formValues(form, ["files", "confirmNotPatientData"]),
      attachmentIds: attachmentIds.map(String),
    };
    return data({ errors, values, attachments, patientDataFindings: findings }, { status: 400 });
  }
  const { confirmNotPatientData: _, ...fields } = parsed.data;
  const result = await save({ ...fields, attachmentIds, patientDataFindings: findings.length ? findings : null });
  if (!result.ok)
    return data(
      {
        errors: { form: result.reason },
        values: formValues(form, ["files"]),
        attachments,
        patientDataFindings: findings,
      },
      { status: 409 },
    );
  return redirect(`/evidence/${result.id}`);
}
