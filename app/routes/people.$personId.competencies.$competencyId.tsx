import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/Fields";
import { SignoffForm, SignoffHistory } from "~/components/competency/Signoff";
import { CompetencyStatusTag, EvidenceStatusTag } from "~/components/StatusTag";
import { canReview } from "~/domain/permissions";
import { recordSignoff } from "~/models/signoff.server";
import { findCompetency, getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { invalid, parseForm, refusalOf, requiredText } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { competencyOverview } from "~/services/portfolio-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate } from "~/domain/format";
import { pageTitle } from "~/lib/page-title";
import { BackLink, Heading, PageHeading, PlainList } from "~/components/kit/Text";
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
  return competencyOverview(getDb(), user.viewer, person, competency);
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
      <Heading level={2} size="s">
        Good evidence shows
      </Heading>
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
        <SignoffForm
          status={cell.status}
          acceptedCount={cell.acceptedCount}
          decisions={data.history.length}
          errors={errors}
          values={values}
        />
      ) : null}
      <SignoffHistory history={data.history} />
    </>
  );
}
