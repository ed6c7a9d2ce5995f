import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AppraisalsTable } from "~/components/appraisal/AppraisalsTable";
import { ButtonLink } from "~/components/kit/Button";
import { PageHeading } from "~/components/kit/Text";
import { Pagination } from "~/components/Pagination";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { appraisalAccessFor, appraisalListFor } from "~/services/appraisal.server";
import { requireUser } from "~/services/auth.server";
import { pageNumber } from "~/forms/fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Appraisals", data?.person.name) }];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await appraisalAccessFor(user, idParam(params.personId));
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await appraisalListFor(getDb(), access, { page: query.page, pageSize: PAGE_SIZE });
  return { person: { id: access.person.id, name: access.person.name }, ...list, page: query.page, pageSize: PAGE_SIZE };
}

export default function AppraisalsPage() {
  const data = useLoaderData<typeof loader>();
  const own = data.role === "owner";
  return (
    <>
      <PageHeading caption={data.person.name}>{own ? "My appraisals" : `${data.person.name}'s appraisals`}</PageHeading>
      <p>
        {data.appraisers.length
          ? `Appraiser: ${data.appraisers.join(", ")} (their line manager where one is recorded, otherwise their designated supervisor).`
          : "No line manager or designated supervisor is recorded, so nobody can record an appraisal yet."}
      </p>
      {data.role === "appraiser" ? (
        <ButtonLink to={`/people/${data.person.id}/appraisals/new`}>Record an appraisal</ButtonLink>
      ) : null}
      {data.total ? (
        <AppraisalsTable
          personId={data.person.id}
          appraisals={data.appraisals}
          caption={`${data.total} ${data.total === 1 ? "appraisal" : "appraisals"}`}
        />
      ) : (
        <p>No appraisals are recorded yet.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}
