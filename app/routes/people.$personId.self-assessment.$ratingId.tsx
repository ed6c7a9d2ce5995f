import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RatingDecision, RatingReviews } from "~/components/development/RatingDecision";
import { ErrorSummary } from "~/components/Fields";
import { Column, Row } from "~/components/kit/Grid";
import { StateTag } from "~/components/kit/Tag";
import { BackLink, PageHeading } from "~/components/kit/Text";
import { SummaryList } from "~/components/SummaryList";
import { competencyTitles } from "~/content/framework.server";
import { formatDateTime } from "~/domain/format";
import { developmentRoleOf } from "~/domain/permissions";
import { ratingWorkflow } from "~/domain/rating-workflow";
import { patientDetailErrors } from "~/forms/compliance.server";
import { ratingDecisionSchema } from "~/forms/development.server";
import { formValues, invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { decideRating, getRating } from "~/models/ratings.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";
import { proficiencyLevels } from "~/services/self-assessment.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Rating", data?.person.name) }];

/** The person (404 unless this viewer may see them) and one of their ratings (404 if it is not theirs). */
async function ratingFor({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const ratingId = idParam(params.ratingId);
  const rating = ratingId === null ? undefined : await getRating(getDb(), person.id, ratingId);
  if (!rating) throw notFound();
  return { user, person, rating, role: developmentRoleOf(user.viewer, person) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { person, rating, role } = await ratingFor(args);
  const level = proficiencyLevels().find((l) => l.id === rating.level);
  return {
    person: { id: person.id, name: person.name },
    rating: { ...rating, levelTitle: level?.title ?? rating.level, descriptor: level?.descriptor ?? null },
    competency: competencyTitles()[rating.competencyId] ?? "No longer in the framework",
    actions: ratingWorkflow.allowedActions(rating.status, role),
  };
}

const FLASH = {
  request: "Your supervisor has been asked to confirm your rating",
  confirm: "Rating confirmed",
  return: "Rating returned",
} as const;

export async function action(args: ActionFunctionArgs) {
  const { user, person, rating, role } = await ratingFor(args);
  if (role === "other") throw notFound();
  const form = await args.request.formData();
  const parsed = parseForm(ratingDecisionSchema, form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  // Asking is the person's, deciding their supervisor's: anyone else is refused as if the rating were not there.
  if (!ratingWorkflow.permits(parsed.data.intent, role)) throw notFound();
  const comment = parsed.data.intent === "return" ? parsed.data.comment : null;
  const patientDetails = patientDetailErrors({ comment: comment ?? "" });
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  const result = await decideRating(
    getDb(),
    person,
    rating.id,
    { action: parsed.data.intent, role, comment },
    { ...actorOf(user, args.context), id: user.viewer.id },
  );
  if (!result.ok) return invalid({ form: result.reason });
  return redirectWithFlash(args.request, `/people/${person.id}/self-assessment`, FLASH[parsed.data.intent]);
}

export default function RatingPage() {
  const { person, rating, competency, actions } = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${person.id}/self-assessment`}>Back to the self-assessment</BackLink>
        <PageHeading caption={person.name}>Rating of {competency}</PageHeading>
        <SummaryList
          rows={[
            ["Level", rating.levelTitle],
            ["What the level means", rating.descriptor ?? "This level is no longer in the scale"],
            ["Status", <StateTag kind="rating" state={rating.status} key="status" />],
            ["Rated", formatDateTime(rating.ratedAt)],
            ["Note", rating.note ? <span className="app-prewrap">{rating.note}</span> : "None"],
          ]}
        />
        <RatingDecision actions={actions} errors={errors} values={values} />
        <RatingReviews reviews={rating.reviews} />
      </Column>
    </Row>
  );
}
