import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GoalsDuePanel } from "~/components/development/GoalsDue";
import { GoalsTable } from "~/components/development/GoalsTable";
import { Select } from "~/components/Fields";
import { Button, ButtonLink } from "~/components/kit/Button";
import { Heading, PageHeading } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { formatDate } from "~/domain/format";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { requireUser } from "~/services/auth.server";
import { planFor } from "~/services/development-plan.server";
import { personFor } from "~/services/person-page.server";
import { pageNumber } from "~/forms/fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Development plan", data?.person.name) },
];

const PAGE_SIZE = 20;
const Query = z.object({
  year: z.string().optional(),
  page: pageNumber(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const plan = await planFor(getDb(), user.viewer, person, { ...query, pageSize: PAGE_SIZE });
  return { person: { id: person.id, name: person.name }, ...plan, page: query.page, pageSize: PAGE_SIZE };
}

export default function DevelopmentPlanPage() {
  const data = useLoaderData<typeof loader>();
  const own = data.role === "owner";
  return (
    <>
      <PageHeading caption={data.person.name}>
        {own ? "My development plan" : `${data.person.name}'s development plan`}
      </PageHeading>
      {own ? <ButtonLink to={`/people/${data.person.id}/development-plan/new`}>Add a goal</ButtonLink> : null}
      <GoalsDuePanel goals={data.due.goals} total={data.due.total} today={data.due.today} own={own} />
      <Form method="get" className="app-inline-form">
        <Select
          name="year"
          label="Appraisal year"
          options={data.years.map((y) => ({ value: y, label: y }))}
          defaultValue={data.year.label}
        />
        <Button variant="secondary">Show year</Button>
      </Form>
      <Heading level={2}>
        Goals due from {formatDate(data.year.start)} to {formatDate(data.year.end)}
      </Heading>
      {data.total ? (
        <GoalsTable
          personId={data.person.id}
          goals={data.goals}
          caption={`${data.total} ${data.total === 1 ? "goal" : "goals"} in ${data.year.label}`}
        />
      ) : (
        <p>No goals are due in this appraisal year.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}
