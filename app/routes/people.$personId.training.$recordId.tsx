import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/Fields";
import { TrainingForm } from "~/components/TrainingForm";
import { TrainingStateTag } from "~/components/TrainingStateTag";
import { canEditPortfolio, canOversee } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { getTrainingRecord, updateTrainingRecord, verifyTrainingRecord } from "~/models/training.server";
import { findRequirement, getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { verificationSchema } from "~/forms/compliance.server";
import { readTrainingForm } from "~/services/training-form.server";
import { expiryOf, stateOf, trainingOptions } from "~/content/compliance-rules.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { TrainingRecordSummary, VerifyRecordForm } from "~/components/training/TrainingRecordDetails";
import { pageTitle } from "~/lib/page-title";
import { redirectWithFlash } from "~/lib/flash.server";
import { BackLink, PageHeading } from "~/components/kit/Text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.title ?? "Training record", data?.person.name) },
];

/** The person and one of their records; a record id belonging to someone else is not found. */
async function recordFor({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const id = idParam(params.recordId);
  const record = id === null ? undefined : await getTrainingRecord(getDb(), person.id, id);
  if (!record) throw notFound();
  return { user, person, record };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, person, record } = await recordFor({ request, context, params });
  const requirement = findRequirement(getContent(), record.requirementId);
  const state = requirement ? stateOf(record, requirement, todayInLondon(new Date())) : null;
  return {
    person: { id: person.id, name: person.name },
    own: person.id === user.viewer.id,
    record,
    title: requirement?.title ?? record.requirementId,
    proof: requirement?.proof ?? null,
    state,
    expiresOn: expiryOf(record, requirement),
    canEdit: canEditPortfolio(user.viewer, person),
    canVerify: canOversee(user.viewer, person),
    requirementOptions: trainingOptions(person.jobRole),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, person, record } = await recordFor({ request, context, params });
  const actor = { ...actorOf(user, context), id: user.viewer.id };
  const db = getDb();
  // Verifying posts to ?intent=verify, so a (possibly multipart) body is read once, only by the handler that needs it.
  const intent = new URL(request.url).searchParams.get("intent") === "verify" ? "verify" : "save";
  if (intent === "verify") {
    if (!canOversee(user.viewer, person)) throw notFound();
    const parsed = parseForm(verificationSchema, await request.formData());
    // Marked, so the page shows the errors on the verification form rather than the training form.
    if (!parsed.ok) return invalid(parsed.errors, { ...parsed.values, intent: "verify" });
    const result = await verifyTrainingRecord(db, person, record.id, parsed.data, actor);
    if (!result.ok) return invalid({ form: result.reason }, { intent: "verify" });
    return redirectWithFlash(request, `/people/${person.id}/training/${record.id}`, "Training record verified");
  }
  if (!canEditPortfolio(user.viewer, person)) throw notFound();
  const form = await readTrainingForm(request, person, actor);
  if (!form.ok) return form.response;
  await updateTrainingRecord(db, person, record.id, form.input, getContent().trainingRequirements.version, actor);
  return redirectWithFlash(request, `/people/${person.id}/training/${record.id}`, "Training record saved");
}

const VERIFY_ACTION = "?intent=verify";

export default function TrainingRecordPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { record } = data;
  // Both forms post back here, so the values that came back belong to whichever form was sent.
  const { errors, values: refused } = refusalOf(actionData);
  const verifyValues = refused?.intent === "verify" ? refused : undefined;
  const values =
    refused && !verifyValues
      ? refused
      : {
          requirementId: record.requirementId,
          status: record.status,
          completedOn: record.completedOn ?? "",
          provider: record.provider ?? "",
        };
  const certificate =
    actionData && "certificate" in actionData
      ? actionData.certificate
      : record.attachmentId
        ? { id: record.attachmentId, fileName: record.attachmentName ?? "certificate" }
        : null;
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to={`/people/${data.person.id}/training`}>
        Back to {data.own ? "my training" : `${data.person.name}'s training`}
      </BackLink>
      <PageHeading caption={data.person.name}>{data.title}</PageHeading>
      {data.state ? (
        <p>
          <TrainingStateTag state={data.state} />
        </p>
      ) : null}
      <TrainingRecordSummary record={record} expiresOn={data.expiresOn} proof={data.proof} />
      {data.canVerify ? (
        <VerifyRecordForm
          action={VERIFY_ACTION}
          record={record}
          errors={verifyValues ? errors : undefined}
          values={verifyValues}
        />
      ) : null}
      {data.canEdit ? (
        <>
          <h2>Change this record</h2>
          {record.verifiedAt ? (
            <p>Saving a change removes the verification, so the record can be checked again.</p>
          ) : null}
          <TrainingForm
            errors={verifyValues ? undefined : errors}
            values={values}
            requirements={data.requirementOptions}
            certificate={certificate}
            submitLabel="Save changes"
          />
        </>
      ) : null}
    </>
  );
}
