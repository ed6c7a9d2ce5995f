import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AreaTimelines } from "~/components/development/AreaTimelines";
import { RatingForm } from "~/components/development/RatingForm";
import { RatingHistory } from "~/components/development/RatingHistory";
import { RatingsSummary } from "~/components/development/RatingsSummary";
import { ErrorSummary } from "~/components/Fields";
import { Heading, PageHeading, Lede } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { competencyTitles, frameworkOutline } from "~/content/framework.server";
import { developmentRoleOf } from "~/domain/permissions";
import { patientDetailErrors } from "~/forms/compliance.server";
import { ratingSchema } from "~/forms/development.server";
import { formValues, invalid, parseForm, recordId, refusalOf, pageNumber } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { decideRating, rateCompetency } from "~/models/ratings.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";
import { ratingVersions, selfAssessmentFor } from "~/services/self-assessment.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Self-assessment", data?.person.name) },
];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await selfAssessmentFor(getDb(), user.viewer, person, { page: query.page, pageSize: PAGE_SIZE });
  return {
    person: { id: person.id, name: person.name },
    ...page,
    outline: frameworkOutline(),
    competencyTitles: competencyTitles(),
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

const RequestConfirmation = z.object({ intent: z.literal("request"), ratingId: recordId("Choose a rating") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  // Only the person rates themself or asks for confirmation here; the supervisor decides on the rating's page.
  if (developmentRoleOf(user.viewer, person) !== "owner") throw notFound();
  const form = await request.formData();
  const actor = { ...actorOf(user, context), id: user.viewer.id };
  if (form.get("intent") === "request") {
    const parsed = parseForm(RequestConfirmation, form);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await decideRating(
      getDb(),
      person,
      parsed.data.ratingId,
      { action: "request", role: "owner", comment: null },
      actor,
    );
    if (!result.ok) return invalid({ form: result.reason });
    return redirectWithFlash(
      request,
      `/people/${person.id}/self-assessment`,
      "Your supervisor has been asked to confirm your rating",
    );
  }
  const parsed = parseForm(ratingSchema(), form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const patientDetails = patientDetailErrors({ note: parsed.data.note ?? "" });
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  await rateCompetency(getDb(), person, parsed.data, ratingVersions(), actor);
  return redirectWithFlash(request, `/people/${person.id}/self-assessment`, "Rating saved");
}

export default function SelfAssessmentPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  const own = data.role === "owner";
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageHeading caption={data.person.name}>
        {own ? "My self-assessment" : `${data.person.name}'s self-assessment`}
      </PageHeading>
      <Lede>
        {own
          ? "Rate yourself on each competency as often as you like, then ask your supervisor to confirm a rating."
          : "Their own rating, the rating their supervisor confirmed and the sign-off are shown side by side."}
      </Lede>
      <RatingsSummary personId={data.person.id} areas={data.rows} />

      {own ? (
        <>
          <Heading level={2} id="rate">
            Rate a competency
          </Heading>
          <RatingForm errors={errors} values={values ?? {}} areas={data.outline} levels={data.levels} />
        </>
      ) : null}

      <Heading level={2}>Each area over time</Heading>
      <AreaTimelines timelines={data.timelines} levels={data.levels} />

      <Heading level={2}>All ratings</Heading>
      {data.history.total ? (
        <RatingHistory
          personId={data.person.id}
          ratings={data.history.ratings}
          total={data.history.total}
          competencyTitles={data.competencyTitles}
        />
      ) : (
        <p>No ratings yet.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.history.total} />
    </>
  );
}
