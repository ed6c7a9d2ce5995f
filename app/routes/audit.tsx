import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateRangeInputs, ErrorSummary, Select } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { ResultCount, Table } from "~/components/Table";
import { auditChanges, auditSentence, referencedIds, type AuditChange, type AuditLookup } from "~/domain/audit-words";
import { canViewAudit, pcnScopeOf } from "~/domain/permissions";
import { auditNames, listAudit } from "~/models/audit.server";
import { listPeople } from "~/models/user.server";
import { findCompetency, findRequirement, getContent, jobRoleTitle } from "~/content/index.server";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formatDateTime } from "~/domain/format";
import { readDateRange } from "~/forms/fields";
import { pageTitle } from "~/lib/page-title";
import { APP_ROLE_LABELS, AUDIT_ENTITIES, AUDIT_ENTITY_LABELS } from "~/domain/vocabulary";
import { Button } from "~/components/kit/Button";

export const meta: MetaFunction = () => [{ title: pageTitle("Audit trail") }];

const PAGE_SIZE = 50;

/** The page of the record an entry is about, where it has one of its own. */
function recordHref(row: { entity: string; entityId: string; subjectId: number | null }): string | null {
  const owner = row.subjectId;
  switch (row.entity) {
    case "user":
      return `/people/${row.entityId}`;
    case "evidence":
      return `/evidence/${row.entityId}`;
    case "competency":
      return `/people/${row.entityId.replace(":", "/competencies/")}`;
    case "training":
      return owner ? `/people/${owner}/training/${row.entityId}` : null;
    case "supervision_meeting":
      return owner ? `/people/${owner}/supervision` : null;
    default:
      return null;
  }
}

const parseSnapshot = (json: string | null): unknown => (json ? JSON.parse(json) : null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!canViewAudit(user.viewer)) throw notFound();
  const db = getDb();
  // Admins see every PCN's trail; a lead sees their own PCN's.
  const pcns = pcnScopeOf(user.viewer);
  const pcnId = pcns.kind === "one" ? pcns.pcnId : undefined;
  const people = (await listPeople(db, { pcns, includeInactive: true, page: 1, pageSize: 1000 })).people.map((p) => ({
    value: String(p.id),
    label: p.name,
  }));
  const search = new URL(request.url).searchParams;
  // Unknown filter values are ignored, as elsewhere: a bookmarked trail still opens.
  const query = z
    .object({
      entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
      person: z
        .enum(["", ...people.map((p) => p.value)])
        .optional()
        .catch(undefined),
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
    })
    .parse(Object.fromEntries(search));
  const range = readDateRange(search);
  const filter = { entity: query.entity ?? "", person: query.person ?? "", values: range.values };
  // A mistake in the dates lists nothing: the error summary says what to fix.
  if (range.errors)
    return { entries: [], total: 0, page: 1, pageSize: PAGE_SIZE, filter, errors: range.errors, people };

  const { rows, total } = await listAudit(db, {
    pcnId,
    entity: query.entity,
    personId: query.person ? Number(query.person) : undefined,
    from: range.from ?? undefined,
    to: range.to ?? undefined,
    page: query.page,
    pageSize: PAGE_SIZE,
  });
  const parsed = rows.map((r) => ({ ...r, before: parseSnapshot(r.before), after: parseSnapshot(r.after) }));
  const names = await auditNames(db, referencedIds(parsed));
  const content = getContent();
  const lookup: AuditLookup = {
    person: (id) => names.people.get(id),
    pcn: (id) => names.pcns.get(id),
    file: (id) => names.files.get(id),
    requirement: (id) => findRequirement(content, id)?.title,
    competency: (id) => findCompetency(content, id)?.title,
    jobRole: (id) => jobRoleTitle(id) ?? undefined,
    appRole: (id) => APP_ROLE_LABELS[id as keyof typeof APP_ROLE_LABELS],
  };
  const entries = parsed.map((r) => ({
    id: r.id,
    at: r.at,
    sentence: auditSentence(r, lookup),
    href: recordHref(r),
    changes: auditChanges(r, lookup),
  }));
  return { entries, total, page: query.page, pageSize: PAGE_SIZE, filter, errors: undefined, people };
}

function Changes({ changes }: { changes: AuditChange[] }) {
  if (!changes.length) return <>No details recorded</>;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Show {changes.length === 1 ? "1 detail" : `${changes.length} details`}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <dl className="nhsuk-body-s app-audit-changes">
          {changes.map((c) => (
            <div key={c.label}>
              <dt>{c.label}</dt>
              <dd className="app-prewrap">
                {c.before !== null && c.after !== null
                  ? `${c.before} → ${c.after}`
                  : c.after !== null
                    ? c.after
                    : `${c.before} (removed)`}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

export default function Audit() {
  const { entries, total, page, pageSize, filter, errors, people } = useLoaderData<typeof loader>();
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Audit trail</h1>
      <p>Every change to a record, who made it and when. Entries cannot be changed or removed.</p>
      <Form method="get" noValidate>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select
              name="entity"
              label="Record type"
              options={[
                { value: "", label: "All" },
                ...AUDIT_ENTITIES.map((e) => ({ value: e, label: AUDIT_ENTITY_LABELS[e] })),
              ]}
              defaultValue={filter.entity}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <Select
              name="person"
              label="Person"
              hint="Changes they made, and changes to their records"
              options={[{ value: "", label: "Everyone" }, ...people]}
              defaultValue={filter.person}
            />
          </div>
        </div>
        <DateRangeInputs values={filter.values} errors={errors} />
        <Button variant="secondary">Filter</Button>
      </Form>
      <ResultCount count={total} one="entry" many="entries" />
      {entries.length ? (
        <Table caption="Audit entries, newest first" captionHidden>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.href ? <Link to={e.href}>{e.sentence}</Link> : e.sentence}</td>
                <td>
                  <Changes changes={e.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
