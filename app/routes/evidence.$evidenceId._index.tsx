import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/Fields";
import { OwnerActions, ReviewForm } from "~/components/evidence/EvidenceActions";
import { EvidenceHistory } from "~/components/evidence/EvidenceHistory";
import { EvidenceRecord } from "~/components/evidence/EvidenceRecord";
import { BackLink, Heading, InsetText, PageHeading } from "~/components/kit/Text";
import { EvidenceStatusTag } from "~/components/StatusTag";
import { allowedActions, type EvidenceAction } from "~/domain/evidence-workflow";
import { moveEvidence } from "~/models/evidence.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { evidenceFor } from "~/services/evidence-page.server";
import { invalid, optionalText, parseForm, refusalOf } from "~/forms/fields";
import { competencyTitles } from "~/content/framework.server";
import { idParam } from "~/lib/request.server";
import { formatDateTime } from "~/domain/format";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.current.title ?? "Evidence", data?.owner.name) },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence, owner, as, acceptedVersion } = await evidenceFor(user.viewer, idParam(params.evidenceId));
  const [current, ...earlier] = evidence.versions;
  return {
    id: evidence.id,
    status: evidence.status,
    frameworkVersion: evidence.frameworkVersion,
    current: current!,
    earlier,
    reviews: evidence.reviews,
    changesInProgress: evidence.changesInProgress,
    acceptedVersion,
    owner: { id: owner.id, name: owner.name },
    as,
    actions: allowedActions(evidence.status, as),
    competencyTitles: competencyTitles(),
  };
}

const Move = z.object({
  intent: z.enum(["submit", "withdraw", "return", "accept"], { error: "Choose what to do" }),
  comment: optionalText("Comment", 5000),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { evidence, owner, as } = await evidenceFor(user.viewer, idParam(params.evidenceId));
  const parsed = parseForm(Move, await readForm(request));
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { intent, comment } = parsed.data;
  const result = await moveEvidence(
    getDb(),
    evidence.id,
    { action: intent, as, comment: comment ?? undefined, pcnId: owner.pcnId },
    { ...actorOf(user, context), id: user.viewer.id },
  );
  if (!result.ok)
    return invalid(intent === "return" ? { comment: result.reason } : { form: result.reason }, {
      comment: comment ?? "",
    });
  const messages = {
    submit: "Submitted for review",
    withdraw: "Withdrawn: it is a draft again",
    return: "Returned with your comments",
    accept: "Evidence accepted",
  };
  return redirectWithFlash(request, `/evidence/${evidence.id}`, messages[intent]);
}

export default function EvidencePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = refusalOf(actionData);
  const { current } = data;
  const lastReturn = data.reviews.findLast((r) => r.action === "return");
  const can = (a: EvidenceAction) => data.actions.includes(a);
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to={data.as === "owner" ? "/" : `/people/${data.owner.id}/portfolio`}>
        {data.as === "owner" ? "Back to my portfolio" : `Back to ${data.owner.name}'s portfolio`}
      </BackLink>
      <PageHeading caption={`${data.owner.name} · version ${current.version}`}>{current.title}</PageHeading>
      <p>
        <EvidenceStatusTag status={data.status} changesInProgress={data.changesInProgress} />
      </p>
      {data.changesInProgress ? (
        <InsetText>
          <p>
            {data.as === "owner"
              ? `Version ${data.acceptedVersion} is your accepted record and stays in your portfolio. These changes are in progress until a supervisor accepts them.`
              : `${data.owner.name} is changing this evidence. This is the version they last submitted; you will see the changes once they submit them.`}
          </p>
        </InsetText>
      ) : null}
      {data.status === "returned" && lastReturn?.comment ? (
        <InsetText>
          <Heading level={2} size="s">
            {lastReturn.actorName} returned this on {formatDateTime(lastReturn.at)}
          </Heading>
          <p className="app-prewrap">{lastReturn.comment}</p>
        </InsetText>
      ) : null}
      <EvidenceRecord
        version={current}
        ownerId={data.owner.id}
        competencyTitles={data.competencyTitles}
        frameworkVersion={data.frameworkVersion}
      />
      {data.as === "owner" ? <OwnerActions id={data.id} status={data.status} can={can} /> : null}
      {data.as === "reviewer" && (can("accept") || can("return")) ? (
        <ReviewForm errors={errors} values={values} />
      ) : null}
      <EvidenceHistory reviews={data.reviews} earlier={data.earlier} />
    </>
  );
}
