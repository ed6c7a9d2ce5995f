import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CompetencyMatrix } from "~/components/CompetencyMatrix";
import { canReview } from "~/domain/permissions";
import { jobRoleTitle } from "~/content/index.server";
import { requireUser } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";
import { matrixFor } from "~/services/portfolio-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { PageHeading } from "~/components/kit/Text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Competencies", data?.person.name) },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  return {
    person: { id: person.id, name: person.name, jobRole: jobRoleTitle(person.jobRole) },
    matrix: await matrixFor(user.viewer, person.id),
    canReview: canReview(user.viewer, person),
    own: person.id === user.viewer.id,
  };
}

export default function PortfolioPage() {
  const { person, matrix, own } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading caption={person.jobRole ?? "Portfolio"}>
        {own ? "My portfolio" : `${person.name}'s portfolio`}
      </PageHeading>
      <p>
        <Link to={`/people/${person.id}/export`}>Download portfolio for appraisal (PDF)</Link>
        {" · "}
        <Link to={`/people/${person.id}/evidence`}>All evidence</Link>
        {own ? (
          <>
            {" · "}
            <Link to="/evidence/new">Add evidence</Link>
          </>
        ) : null}
      </p>
      <CompetencyMatrix matrix={matrix} personId={person.id} />
    </>
  );
}
