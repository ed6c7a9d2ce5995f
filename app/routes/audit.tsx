import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateRangeInputs, ErrorSummary, Select } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { ResultCount, Table } from "~/components/Table";
import { AuditChanges } from "~/components/audit/AuditChanges";
import { canViewAudit, pcnScopeOf } from "~/domain/permissions";
import { listAudit } from "~/models/audit.server";
import { listPeople } from "~/models/user.server";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { formatDateTime } from "~/domain/format";
import { readDateRange } from "~/forms/fields";
import { pageTitle } from "~/lib/page-title";
import { AUDIT_ENTITIES, AUDIT_ENTITY_LABELS } from "~/domain/vocabulary";
import { auditEntries } from "~/services/audit-trail.server";
import { Button } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Audit trail") }];

const PAGE_SIZE = 50;

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
  const entries = await auditEntries(db, rows);
  return { entries, total, page: query.page, pageSize: PAGE_SIZE, filter, errors: undefined, people };
}

export default function Audit() {
  const { entries, total, page, pageSize, filter, errors, people } = useLoaderData<typeof loader>();
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Audit trail</h1>
      <p>Every change to a record, who made it and when. Entries cannot be changed or removed.</p>
      <Form method="get" noValidate>
        <Row>
          <Column width="one-half">
            <Select
              name="entity"
              label="Record type"
              options={[
                { value: "", label: "All" },
                ...AUDIT_ENTITIES.map((e) => ({ value: e, label: AUDIT_ENTITY_LABELS[e] })),
              ]}
              defaultValue={filter.entity}
            />
          </Column>
          <Column width="one-half">
            <Select
              name="person"
              label="Person"
              hint="Changes they made, and changes to their records"
              options={[{ value: "", label: "Everyone" }, ...people]}
              defaultValue={filter.person}
            />
          </Column>
        </Row>
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
                  <AuditChanges changes={e.changes} />
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
