import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GoalForm } from "~/components/development/GoalForm";
import { ErrorSummary } from "~/components/Fields";
import { Column, Row } from "~/components/kit/Grid";
import { BackLink, PageHeading } from "~/components/kit/Text";
import { competencyTitles } from "~/content/framework.server";
import { getContent } from "~/content/index.server";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { canEditPortfolio } from "~/domain/permissions";
import { patientDetailErrors } from "~/forms/compliance.server";
import { GOAL_ARRAYS, goalSchema } from "~/forms/development.server";
import { formValues, invalid, parseForm, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { createGoal } from "~/models/goals.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Add a goal", data?.person.name) }];

/** Only the person writes goals into their own plan. */
async function ownPlan({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  if (!canEditPortfolio(user.viewer, person)) throw notFound();
  return { user, person };
}

export async function loader(args: LoaderFunctionArgs) {
  const { person } = await ownPlan(args);
  return {
    person: { id: person.id, name: person.name },
    competencies: Object.entries(competencyTitles()).map(([id, title]) => ({ id, title })),
    training: getContent().trainingRequirements.requirements.map((r) => ({ id: r.id, title: r.title })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, person } = await ownPlan(args);
  const form = await args.request.formData();
  const parsed = parseForm(goalSchema(), form, { arrays: GOAL_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { title, reason, howDetails } = parsed.data;
  const patientDetails = patientDetailErrors({ title, reason, howDetails: howDetails ?? "" });
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  const goalId = await createGoal(getDb(), person, parsed.data, { ...actorOf(user, args.context), id: user.viewer.id });
  const year = appraisalYearOfDate(parsed.data.targetDate).label;
  return redirectWithFlash(
    args.request,
    `/people/${person.id}/development-plan/${goalId}`,
    `Goal added to your ${year} plan. Your supervisor can now agree it.`,
  );
}

export default function NewGoalPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${data.person.id}/development-plan`}>Back to the development plan</BackLink>
        <PageHeading caption={data.person.name}>Add a goal</PageHeading>
        <GoalForm errors={errors} values={values ?? {}} competencies={data.competencies} training={data.training} />
      </Column>
    </Row>
  );
}
