import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DevelopmentHub } from "~/components/development/DevelopmentHub";
import { PageHeading } from "~/components/kit/Text";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { requireUser } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Development", data?.person.name) }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  return { person: { id: person.id, name: person.name }, own: person.id === user.viewer.id };
}

export default function DevelopmentPage() {
  const { person, own } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading caption={person.name}>{own ? "My development" : `${person.name}'s development`}</PageHeading>
      <DevelopmentHub personId={person.id} />
    </>
  );
}
