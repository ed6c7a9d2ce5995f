import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EvidenceForm } from "~/components/EvidenceForm";
import { createEvidence } from "~/models/evidence.server";
import { getContent } from "~/content/index.server";
import { keepsPortfolio } from "~/domain/permissions";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { handleEvidenceForm } from "~/services/evidence-submit.server";
import { frameworkOutline } from "~/content/framework.server";
import { pageTitle } from "~/lib/page-title";
import { BackLink } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Add evidence") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await requireUser(request, context);
  if (!keepsPortfolio(user.viewer)) throw notFound();
  // Arriving from a competency page ticks that competency for you.
  return { areas: frameworkOutline(), competency: url.searchParams.get("competency") ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  if (!keepsPortfolio(user.viewer)) throw notFound();
  const actor = actorOf(user, context);
  // Evidence always belongs to the person writing it: no owner field is read from the form.
  return handleEvidenceForm(request, user.person, actor, [], (input) =>
    createEvidence(getDb(), user.person, input, getContent().framework.version, actor).then((id) => ({
      ok: true as const,
      id,
    })),
  );
}

export default function NewEvidence() {
  const { areas, competency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <BackLink to="/">Back to my portfolio</BackLink>
        <h1>Add evidence</h1>
        <p>Your evidence is saved as a draft. Your supervisor sees it when you submit it for review.</p>
        <EvidenceForm
          errors={actionData?.errors}
          values={actionData?.values ?? { competencyIds: competency ? [competency] : [] }}
          areas={areas}
          attachments={actionData?.attachments ?? []}
          patientDataFindings={actionData?.patientDataFindings ?? []}
          submitLabel="Save draft"
        />
      </Column>
    </Row>
  );
}
