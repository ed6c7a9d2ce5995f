import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Select } from "~/components/Fields";
import { redirectWithFlash } from "~/lib/flash.server";
import { BulkVerifyForm } from "~/components/dashboard/BulkVerifyForm";
import { canBulkVerify, canOversee } from "~/domain/permissions";
import { TRAINING_STATUS_LABELS } from "~/domain/vocabulary";
import { recordOwners, unverifiedCounts, unverifiedRecords, verifyTrainingRecords } from "~/models/training.server";
import { findRequirement, getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser, type CurrentUser } from "~/services/auth.server";
import { BULK_VERIFICATION_ARRAYS, bulkVerificationSchema } from "~/forms/compliance.server";
import { getDb } from "~/lib/db.server";
import { formatDate } from "~/domain/format";
import { formValues, invalid, parseForm } from "~/forms/fields";
import { pageTitle } from "~/lib/page-title";
import { BackLink } from "~/components/kit/Text";
import { Button } from "~/components/kit/Button";

export const meta: MetaFunction = () => [{ title: pageTitle("Verify training") }];

/** A PCN lead verifies records of their own PCN's staff; anyone else is told the page does not exist. */
async function requireLead(
  request: Request,
  context: LoaderFunctionArgs["context"],
): Promise<CurrentUser & { viewer: { pcnId: number } }> {
  const user = await requireUser(request, context);
  if (!canBulkVerify(user.viewer)) throw notFound();
  return user as CurrentUser & { viewer: { pcnId: number } };
}

/** Records of this requirement waiting for verification that this lead may verify (never their own). */
async function verifiableRecords(user: CurrentUser & { viewer: { pcnId: number } }, requirementId: string) {
  const records = await unverifiedRecords(getDb(), user.viewer.pcnId, requirementId);
  return records.filter((r) => canOversee(user.viewer, { id: r.personId, pcnId: r.pcnId }));
}

function recordLabel(r: Awaited<ReturnType<typeof verifiableRecords>>[number]): string {
  const when = r.completedOn ? ` on ${formatDate(r.completedOn)}` : "";
  const provider = r.provider ? `, ${r.provider}` : "";
  const certificate = r.attachmentId ? ", certificate uploaded" : ", no certificate uploaded";
  return `${r.name}: ${TRAINING_STATUS_LABELS[r.status].toLowerCase()}${when}${provider}${certificate}`;
}

/** Training with records waiting for this lead to verify comes first, with how many. */
async function requirementChoices(user: CurrentUser & { viewer: { pcnId: number } }) {
  const waiting = await unverifiedCounts(getDb(), user.viewer.pcnId, user.viewer.id);
  const all = getContent().trainingRequirements.requirements;
  const groups = [
    {
      label: "Waiting to be verified",
      options: all
        .filter((r) => waiting.has(r.id))
        .map((r) => ({ value: r.id, label: `${r.title} (${waiting.get(r.id)} waiting)` })),
    },
    {
      label: "Other training",
      options: all.filter((r) => !waiting.has(r.id)).map((r) => ({ value: r.id, label: r.title })),
    },
  ];
  return groups.filter((g) => g.options.length > 0);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLead(request, context);
  const requirementId = new URL(request.url).searchParams.get("requirementId") ?? "";
  const requirement = findRequirement(getContent(), requirementId);
  const records = requirement ? await verifiableRecords(user, requirement.id) : [];
  return {
    requirements: await requirementChoices(user),
    requirement: requirement ? { id: requirement.id, title: requirement.title, proof: requirement.proof } : null,
    records: records.map((r) => ({ value: String(r.id), label: recordLabel(r) })),
  };
}

/**
 * Verifies the ticked records, all in one transaction, each with its own audit row. A record this lead may not
 * verify (another PCN's, their own, or an id that does not exist) makes the whole request not found, and nothing is
 * saved.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireLead(request, context);
  const form = await request.formData();
  const parsed = parseForm(bulkVerificationSchema(), form, { arrays: BULK_VERIFICATION_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { requirementId, recordIds, method, note } = parsed.data;
  const db = getDb();
  const owners = await recordOwners(db, recordIds);
  const mayVerify = (id: number) =>
    owners.some((o) => o.id === id && canOversee(user.viewer, { id: o.ownerId, pcnId: o.pcnId }));
  if (!recordIds.every(mayVerify)) throw notFound();
  if (owners.some((o) => o.requirementId !== requirementId))
    return invalid({ recordIds: "Select people from the list" }, formValues(form));
  const requests = owners.map((o) => ({ owner: { id: o.ownerId, pcnId: o.pcnId }, id: o.id }));
  const result = await verifyTrainingRecords(
    db,
    requests,
    { method, note },
    { ...actorOf(user, context), id: user.viewer.id },
  );
  if (!result.ok) return invalid({ form: `Nothing was verified: ${result.reason.toLowerCase()}` }, formValues(form));
  const verified = `${requests.length} ${requests.length === 1 ? "record" : "records"} verified`;
  return redirectWithFlash(request, `/dashboard/verify?requirementId=${encodeURIComponent(requirementId)}`, verified);
}

export default function BulkVerify() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to="/dashboard">Back to the dashboard</BackLink>
      <h1>Verify training</h1>
      <p>
        Choose the training, tick the people whose records you have checked, and say what you checked. Each record is
        verified and audited separately.
      </p>
      <Form method="get">
        <Select
          name="requirementId"
          label="Training"
          options={[{ value: "", label: "Select the training" }, ...data.requirements]}
          defaultValue={data.requirement?.id ?? ""}
        />
        <Button variant="secondary">Show records to verify</Button>
      </Form>

      {data.requirement ? (
        <BulkVerifyForm
          requirement={data.requirement}
          records={data.records}
          errors={errors}
          values={actionData?.values}
        />
      ) : null}
    </>
  );
}
