import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Select, TextInput } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { canViewAudit, isAdmin } from "~/domain/permissions";
import { listAudit } from "~/models/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Audit trail") }];

const PAGE_SIZE = 50;
const ENTITY_LABELS = {
  user: "Person",
  pcn: "PCN",
  supervision_arrangement: "Supervision arrangement",
  evidence: "Evidence",
  attachment: "File",
  competency: "Competency sign-off",
  training: "Training record",
  cpd: "CPD entry",
  supervision_meeting: "Supervision meeting",
} as const;
const ENTITIES = Object.keys(ENTITY_LABELS) as (keyof typeof ENTITY_LABELS)[];

/** The record an entry is about, in words, with a link where the record has a page of its own. */
function recordOf(row: { entity: string; entityId: string; subjectName: string | null }): { text: string; href: string | null } {
  const label = ENTITY_LABELS[row.entity as keyof typeof ENTITY_LABELS] ?? row.entity;
  if (row.entity === "user") return { text: row.subjectName ?? `${label} ${row.entityId}`, href: `/people/${row.entityId}` };
  if (row.entity === "evidence") return { text: `${label} ${row.entityId}`, href: `/evidence/${row.entityId}` };
  if (row.entity === "competency") {
    const [personId, competencyId] = row.entityId.split(":");
    return { text: `${label} ${competencyId}`, href: `/people/${personId}/competencies/${competencyId}` };
  }
  return { text: `${label} ${row.entityId}`, href: null };
}

/** A stored before/after snapshot as "field: value" lines a person can read. */
function snapshotLines(json: string | null): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  if (value === null || typeof value !== "object") return [String(value)];
  return Object.entries(value).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
}

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
  return { rows: rows.map((r) => ({ ...r, record: recordOf(r), before: snapshotLines(r.before), after: snapshotLines(r.after) })), total, page: query.page, pageSize: PAGE_SIZE, filter: { entity: query.entity ?? "", from: query.from ?? "", to: query.to ?? "" } };
}

function Snapshot({ title, lines }: { title: string; lines: string[] }) {
  if (!lines.length) return null;
  return (
    <>
      <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{title}</h3>
      <ul className="nhsuk-list nhsuk-body-s app-mono">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </>
  );
}

function Change({ before, after }: { before: string[]; after: string[] }) {
  if (!before.length && !after.length) return <>—</>;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show change</span>
      </summary>
      <div className="nhsuk-details__text">
        <Snapshot title="Before" lines={before} />
        <Snapshot title="After" lines={after} />
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
            <Select name="entity" label="Record type" options={[{ value: "", label: "All" }, ...ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e] }))]} defaultValue={filter.entity} />
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
              <td>{r.record.href ? <Link to={r.record.href}>{r.record.text}</Link> : r.record.text}</td>
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
