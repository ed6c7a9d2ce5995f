import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { z } from "zod";
import { Pagination } from "~/components/Pagination";
import { canListPeople, pcnScopeOf } from "~/domain/permissions";
import { listPeople } from "~/models/user.server";
import { jobRoleTitle } from "~/content/index.server";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { ResultCount, Table, TableBody, TableHead } from "~/components/Table";
import { ButtonLink } from "~/components/kit/Button";
import { PeopleSearch } from "~/components/person/PeopleSearch";
import { pageNumber } from "~/forms/fields";

export const meta: MetaFunction = () => [{ title: pageTitle("People") }];

const PAGE_SIZE = 25;

const Query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: pageNumber(),
  inactive: z.literal("1").optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!canListPeople(user.viewer)) throw notFound();
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Leads see their own PCN only; admins see every PCN.
  const pcns = pcnScopeOf(user.viewer);
  const { people, total } = await listPeople(getDb(), {
    pcns,
    search: query.q,
    includeInactive: query.inactive === "1",
    page: query.page,
    pageSize: PAGE_SIZE,
  });
  return {
    people: people.map((p) => ({ ...p, jobRoleTitle: jobRoleTitle(p.jobRole) })),
    total,
    page: query.page,
    pageSize: PAGE_SIZE,
    q: query.q ?? "",
    inactive: query.inactive === "1",
    showPcn: pcns.kind === "all",
  };
}

export default function People() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>People</h1>
      <ButtonLink to="/people/new">Add a person</ButtonLink>
      <PeopleSearch q={data.q} inactive={data.inactive} />
      <ResultCount count={data.total} one="person" many="people" />
      <Table caption="People" captionHidden>
        <TableHead columns={["Name", "Job role", data.showPcn && "PCN", "Status"]} />
        <TableBody>
          {data.people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/people/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.jobRoleTitle ?? "Not applicable"}</td>
              {data.showPcn ? <td>{p.pcnName ?? "None"}</td> : null}
              <td>{p.active ? "Active" : "Deactivated"}</td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}
