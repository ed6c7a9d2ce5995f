import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Select, TextInput } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { canViewAudit, isAdmin } from "~/domain/permissions";
import { listAudit } from "~/models/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Audit trail – Care Portfolio" }];

const PAGE_SIZE = 50;
const ENTITIES = ["user", "pcn", "supervision_arrangement", "evidence", "competency", "training", "cpd", "supervision_meeting"] as const;

const Query = z.object({
  entity: z.enum(ENTITIES).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewAudit(user.viewer, user.viewer.pcnId)) throw notFound();
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Admins see every PCN's trail; a lead sees their own PCN's.
  const pcnId = isAdmin(user.viewer) ? undefined : (user.viewer.pcnId ?? -1);
  const { rows, total } = await listAudit(getDb(), { pcnId, entity: query.entity, from: query.from, to: query.to, page: query.page, pageSize: PAGE_SIZE });
  return { rows, total, page: query.page, pageSize: PAGE_SIZE, filter: { entity: query.entity ?? "", from: query.from ?? "", to: query.to ?? "" } };
}

function Change({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return <>—</>;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show change</span>
      </summary>
      <div className="nhsuk-details__text app-mono">
        {before ? <p>Before: {before}</p> : null}
        {after ? <p>After: {after}</p> : null}
      </div>
    </details>
  );
}

export default function Audit() {
  const { rows, total, page, pageSize, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit trail</h1>
      <p>Every change to a record, who made it and when. Entries cannot be changed or removed.</p>
      <Form method="get">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <Select name="entity" label="Record type" options={[{ value: "", label: "All" }, ...ENTITIES.map((e) => ({ value: e, label: e.replace(/_/g, " ") }))]} defaultValue={filter.entity} />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextInput name="from" label="From" type="date" defaultValue={filter.from} />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <TextInput name="to" label="To" type="date" defaultValue={filter.to} />
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </Form>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">{total} entries</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Record</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at)}</td>
              <td>{r.actorName ?? "System"}</td>
              <td>{r.action}</td>
              <td>
                {r.entity.replace(/_/g, " ")} {r.entityId}
              </td>
              <td>
                <Change before={r.before} after={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
