import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { Pagination } from "~/components/Pagination";
import { EVIDENCE_TYPES } from "~/domain/vocabulary";
import { reviewQueue } from "~/models/evidence.server";
import { canReviewAnything } from "~/domain/permissions";
import { requireUserWho } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formatDateTime } from "~/domain/format";
import { pageTitle } from "~/lib/page-title";
import { Table } from "~/components/Table";
import { pageNumber } from "~/forms/fields";

export const meta: MetaFunction = () => [{ title: pageTitle("Evidence to review") }];

const PAGE_SIZE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWho(request, context, canReviewAnything);
  const page = pageNumber().parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { items, total } = await reviewQueue(getDb(), user.viewer.superviseeIds, { page, pageSize: PAGE_SIZE });
  return { queue: items, total, page, pageSize: PAGE_SIZE };
}

export default function Review() {
  const { queue, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Evidence to review</h1>
      <p>Oldest first. Only evidence from people you are the designated supervisor for is shown.</p>
      {queue.length ? (
        <Table caption={`${total} waiting`}>
          <thead>
            <tr>
              <th scope="col">Submitted</th>
              <th scope="col">Person</th>
              <th scope="col">Evidence</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((e) => (
              <tr key={e.id}>
                <td className="app-nowrap">{formatDateTime(e.submittedAt)}</td>
                <td>{e.ownerName}</td>
                <td>
                  <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                </td>
                <td>{EVIDENCE_TYPES[e.type as keyof typeof EVIDENCE_TYPES] ?? e.type}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>Nothing is waiting for your review.</p>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
