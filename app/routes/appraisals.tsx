import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { PageHeading, PlainList } from "~/components/kit/Text";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { activePeopleByName } from "~/models/user.server";
import { notFound, requireUser } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Appraisals") }];

/**
 * An appraiser's way to the appraisals they record (ADR 0019): the people they line manage now, and those they
 * supervise who have no line manager.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const people = await activePeopleByName(getDb(), user.appraiseeIds);
  if (!people.length) throw notFound();
  return { people };
}

export default function Appraisals() {
  const { people } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeading>Appraisals</PageHeading>
      <p>
        You record the appraisals of these people: you are their line manager or, where they have none, their designated
        supervisor.
      </p>
      <PlainList testId="appraisees">
        {people.map((p) => (
          <li key={p.id}>
            <Link to={`/people/${p.id}/appraisals`}>{p.name}</Link>
          </li>
        ))}
      </PlainList>
    </>
  );
}
