import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EvidenceForm } from "~/components/EvidenceForm";
import { allowedActions } from "~/domain/evidence-workflow";
import { saveEvidence } from "~/models/evidence.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import type { CurrentUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { evidenceFor } from "~/services/evidence-page.server";
import { handleEvidenceForm } from "~/services/evidence-submit.server";
import { frameworkOutline } from "~/content/framework.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { BackLink } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Change evidence", data?.values.title) },
];

/** Only the owner, and only while the workflow lets them edit or amend. */
async function editable(user: CurrentUser, id: string | undefined) {
  const found = await evidenceFor(user.viewer, idParam(id));
  const actions = allowedActions(found.evidence.status, found.as);
  if (found.as !== "owner" || !(actions.includes("edit") || actions.includes("amend"))) throw notFound();
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence } = await editable(user, params.evidenceId);
  const current = evidence.versions[0]!;
  return {
    id: evidence.id,
    status: evidence.status,
    areas: frameworkOutline(),
    attachments: current.attachments.map((a) => ({ id: a.id, fileName: a.fileName })),
    values: {
      title: current.title,
      activityDate: current.activityDate,
      type: current.type,
      whatHappened: current.whatHappened,
      whatLearned: current.whatLearned,
      whatNext: current.whatNext,
      competencyIds: current.competencyIds,
      attachmentIds: current.attachments.map((a) => String(a.id)),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence, owner } = await editable(user, params.evidenceId);
  const known = evidence.versions[0]!.attachments.map((a) => ({ id: a.id, fileName: a.fileName }));
  return handleEvidenceForm(request, owner, actorOf(user, context), known, (input) =>
    saveEvidence(getDb(), evidence.id, owner, input, actorOf(user, context)),
  );
}

export default function EditEvidence() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <BackLink to={`/evidence/${data.id}`}>Back to the evidence</BackLink>
        <h1>{data.status === "accepted" ? "Amend accepted evidence" : "Change evidence"}</h1>
        {data.status === "accepted" ? (
          <p>The accepted version stays in your portfolio as it is. Your changes become a new draft version.</p>
        ) : null}
        <EvidenceForm
          errors={actionData?.errors}
          values={actionData?.values ?? data.values}
          areas={data.areas}
          attachments={actionData?.attachments ?? data.attachments}
          patientDataFindings={actionData?.patientDataFindings ?? []}
          submitLabel="Save changes"
        />
      </Column>
    </Row>
  );
}
