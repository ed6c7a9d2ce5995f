import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PathwayList } from "~/components/development/Pathways";
import { BackLink, Lede, PageHeading } from "~/components/kit/Text";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { requireUser } from "~/services/auth.server";
import { pathwaysOverviewFor } from "~/services/pathways.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Development pathways", data?.person.name) },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const overview = await pathwaysOverviewFor(getDb(), user.viewer, person);
  return { person: { id: person.id, name: person.name }, ...overview };
}

export default function PathwaysPage() {
  const data = useLoaderData<typeof loader>();
  const own = data.role === "owner";
  return (
    <>
      <BackLink to={`/people/${data.person.id}/development`}>Back to development</BackLink>
      <PageHeading caption={data.person.name}>Development pathways</PageHeading>
      <Lede>
        How close {own ? "you are" : `${data.person.name} is`} to each route. A competency counts when a supervisor has
        confirmed a rating at the level asked for or above; training counts when it is completed and in date.
      </Lede>
      <PathwayList personId={data.person.id} pathways={data.pathways} />
    </>
  );
}
