import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary, Textarea } from "~/components/Fields";
import { CompetencyStatusTag, EvidenceStatusTag } from "~/components/StatusTag";
import { canReview, evidenceViewFor } from "~/domain/permissions";
import { listEvidence } from "~/models/evidence.server";
import { recordSignoff, signoffHistory } from "~/models/signoff.server";
import { findCompetency, getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { invalid, parseForm, refusalOf, requiredText, value } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { matrixFor } from "~/services/portfolio-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate, formatInstantDate } from "~/domain/format";
import { pageTitle } from "~/lib/page-title";
import { BackLink, PageHeading, PlainList } from "~/components/kit/Text";
import { ButtonLink } from "~/components/kit/Button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.competency.title ?? "Competency", data?.person.name) },
];

async function competencyPage({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const competency = findCompetency(getContent(), params.competencyId ?? "");
  if (!competency) throw notFound();
  return { user, person, competency };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, person, competency } = await competencyPage({ request, context, params });
  const db = getDb();
  const cell = (await matrixFor(user.viewer, person.id))
    .flatMap((a) => a.competencies)
    .find((c) => c.id === competency.id)!;
  const evidence = await listEvidence(
    db,
    person.id,
    { competencyId: competency.id, page: 1, pageSize: 100 },
    evidenceViewFor(user.viewer, person),
  );
  return {
    person: { id: person.id, name: person.name },
    competency,
    cell,
    evidence: evidence.items,
    history: await signoffHistory(db, person.id, competency.id),
    canReview: canReview(user.viewer, person),
    own: person.id === user.viewer.id,
  };
}

const Signoff = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("sign-off"), comment: requiredText("Enter a comment", "Comment", 5000) }),
    z.object({
      intent: z.literal("withdraw"),
      comment: requiredText("Enter the reason for withdrawing the sign-off", "Comment", 5000),
    }),
  ],
  { error: "Choose whether to sign off or withdraw" },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, person, competency } = await competencyPage({ request, context, params });
  if (!canReview(user.viewer, person)) throw notFound();
  const parsed = parseForm(Signoff, await readForm(request));
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await recordSignoff(
    getDb(),
    {
      userId: person.id,
      pcnId: person.pcnId,
      competencyId: competency.id,
      action: parsed.data.intent,
      comment: parsed.data.comment,
      frameworkVersion: getContent().framework.version,
    },
    { ...actorOf(user, context), id: user.viewer.id },
  );
  if (!result.ok) return invalid({ form: result.reason }, { comment: parsed.data.comment });
  return redirectWithFlash(
    request,
    `/people/${person.id}/competencies/${competency.id}`,
    parsed.data.intent === "sign-off" ? "Competency signed off" : "Sign-off withdrawn",
  );
}

export default function CompetencyPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = refusalOf(actionData);
  const { competency, cell } = data;
  return (
    <>
      <ErrorSummary errors={errors} />
      <BackLink to={data.own ? "/" : `/people/${data.person.id}/portfolio`}>
        Back to {data.own ? "my portfolio" : `${data.person.name}'s portfolio`}
      </BackLink>
      <PageHeading caption={data.person.name}>{competency.title}</PageHeading>
      <p>
        <CompetencyStatusTag status={cell.status} />
      </p>
      <p>{competency.description}</p>
      <h2 className="nhsuk-heading-s">Good evidence shows</h2>
      <ul>
        {competency.indicators.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <h2>Evidence</h2>
      {data.evidence.length ? (
        <PlainList>
          {data.evidence.map((e) => (
            <li key={e.id}>
              <Link to={`/evidence/${e.id}`}>{e.title}</Link> ({formatDate(e.activityDate)}){" "}
              <EvidenceStatusTag status={e.status} changesInProgress={e.changesInProgress} />
            </li>
          ))}
        </PlainList>
      ) : (
        <p>No evidence yet.</p>
      )}
      {data.own ? (
        <ButtonLink variant="secondary" to={`/evidence/new?competency=${competency.id}`}>
          Add evidence for this competency
        </ButtonLink>
      ) : null}
      {data.canReview ? (
        <>
          <h2>{cell.status === "signed-off" ? "Withdraw sign-off" : "Sign off"}</h2>
          {cell.status !== "signed-off" && cell.acceptedCount === 0 ? (
            <p>You can sign this competency off once you have accepted at least one piece of evidence for it.</p>
          ) : (
            // Each decision adds to the history, so keying on it remounts the form empty after a successful post:
            // otherwise the sign-off comment just typed would stay in the box as the withdrawal reason.
            <Form method="post" noValidate key={data.history.length}>
              <input type="hidden" name="intent" value={cell.status === "signed-off" ? "withdraw" : "sign-off"} />
              <Textarea
                name="comment"
                label={cell.status === "signed-off" ? "Reason for withdrawing" : "Comment"}
                hint={cell.status === "signed-off" ? undefined : "What the evidence shows about this competency"}
                error={errors?.comment}
                defaultValue={value(values, "comment")}
              />
              <button
                className={`nhsuk-button${cell.status === "signed-off" ? " nhsuk-button--warning" : ""}`}
                type="submit"
              >
                {cell.status === "signed-off" ? "Withdraw sign-off" : "Sign off competency"}
              </button>
            </Form>
          )}
        </>
      ) : null}
      {data.history.length ? (
        <>
          <h2>Sign-off history</h2>
          <PlainList>
            {data.history.map((h) => (
              <li key={h.id}>
                {formatInstantDate(h.at)}: {h.action === "sign-off" ? "signed off" : "sign-off withdrawn"} by{" "}
                {h.actorName} (framework {h.frameworkVersion}): “{h.comment}”
              </li>
            ))}
          </PlainList>
        </>
      ) : null}
    </>
  );
}
