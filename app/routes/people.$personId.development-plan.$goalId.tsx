import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GoalActions, GoalHistory } from "~/components/development/GoalActions";
import { GoalDetails } from "~/components/development/GoalDetails";
import { ErrorSummary } from "~/components/Fields";
import { Column, Row } from "~/components/kit/Grid";
import { BackLink, Heading, PageHeading } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { patientDetailErrors } from "~/forms/compliance.server";
import { goalStepSchema } from "~/forms/development.server";
import { goalRolePermits } from "~/domain/goal-workflow";
import { formValues, invalid, parseForm, refusalOf, pageNumber } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { goalPageFor, takeGoalStep } from "~/services/development-plan.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.goal.title ?? "Goal", data?.person.name) },
];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

/** The person (404 unless this viewer may see them) and one of their goals (404 if it is not theirs). */
async function goalFor({ request, context, params }: LoaderFunctionArgs, page = 1) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const goalId = idParam(params.goalId);
  const found =
    goalId === null
      ? undefined
      : await goalPageFor(getDb(), user.viewer, person, goalId, { page, pageSize: PAGE_SIZE });
  if (!found) throw notFound();
  return { user, person, ...found };
}

export async function loader(args: LoaderFunctionArgs) {
  const query = Query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const { person, goal, actions, meetings, history } = await goalFor(args, query.page);
  return {
    person: { id: person.id, name: person.name },
    goal,
    actions,
    meetings,
    history,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

const FLASH = {
  agree: "Goal agreed",
  start: "Goal marked as in progress",
  achieve: "Goal marked as achieved",
  drop: "Goal dropped",
  "carry-forward": "Goal carried into this year's plan",
  "record-progress": "Progress recorded",
} as const;

/** The fields where people type words, which must hold no patient details. */
const TEXT_FIELDS = ["note", "dropReason", "reason"] as const;

export async function action(args: ActionFunctionArgs) {
  const { user, person, goal, role, meetings } = await goalFor(args);
  if (role === "other") throw notFound();
  const form = await args.request.formData();
  const parsed = parseForm(goalStepSchema(meetings.map((m) => m.id)), form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const step = parsed.data;
  // Each step is the person's, their supervisor's or both: anyone else is refused as if the goal were not there.
  if (!goalRolePermits(step.intent, role)) throw notFound();
  const typed = Object.fromEntries(TEXT_FIELDS.map((name) => [name, String(form.get(name) ?? "")]));
  const patientDetails = patientDetailErrors(typed);
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  const result = await takeGoalStep(getDb(), user.viewer, person, goal.id, step, {
    ...actorOf(user, args.context),
    id: user.viewer.id,
  });
  if (!result.ok) return invalid({ form: result.reason }, formValues(form));
  return redirectWithFlash(args.request, `/people/${person.id}/development-plan/${result.goalId}`, FLASH[step.intent]);
}

export default function GoalPage() {
  const data = useLoaderData<typeof loader>();
  const { errors, values } = refusalOf(useActionData<typeof action>());
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <BackLink to={`/people/${data.person.id}/development-plan`}>Back to the development plan</BackLink>
        <PageHeading caption={data.person.name}>{data.goal.title}</PageHeading>
        <GoalDetails personId={data.person.id} goal={data.goal} />
        <GoalActions actions={data.actions} errors={errors} values={values} meetings={data.meetings} />
        <Heading level={2}>History</Heading>
        <GoalHistory personId={data.person.id} updates={data.history.updates} />
        <Pagination page={data.page} pageSize={data.pageSize} total={data.history.total} />
      </Column>
    </Row>
  );
}
