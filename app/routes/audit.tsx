import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { appPath, Link, QueryLink } from "~/components/kit/Link";
import { z } from "zod";
import { DateRangeInputs, ErrorSummary, Select, TextInput } from "~/components/Fields";
import { KeysetPagination } from "~/components/Pagination";
import { ResultCount, Table } from "~/components/Table";
import { AuditChanges } from "~/components/audit/AuditChanges";
import { PersonMatches } from "~/components/audit/PersonMatches";
import { canViewAudit, pcnScopeOf } from "~/domain/permissions";
import { auditKeyOf, countAudit, listAudit, type AuditPageRequest } from "~/models/audit.server";
import { chosenPersonId, personFilter } from "~/services/audit-person.server";
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
  const search = new URL(request.url).searchParams;
  const person = await personFilter(db, pcns, search);
  const people = person.kind === "list" ? person.people : [];
  // Unknown filter values are ignored, as elsewhere: a bookmarked trail still opens.
  const query = z
    .object({
      entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
    })
    .parse(Object.fromEntries(search));
  const range = readDateRange(search);
  const filter = {
    entity: query.entity ?? "",
    person: person.kind === "list" ? person.chosen : "",
    values: range.values,
  };
  const empty = {
    entries: [] as Awaited<ReturnType<typeof auditEntries>>,
    total: 0,
    capped: false,
    newerThan: null as number | null,
    olderThan: null as number | null,
    /** A page asked for by an "Older" or "Newer" link that has nothing (left) on it offers the newest entries. */
    startOver: false,
    filter,
    people,
    /** Past PEOPLE_IN_A_LIST people, the person filter is a text field (and the people it matched). */
    personSearch: person.kind === "list" ? null : person,
  };
  // A mistake in the dates or the name lists nothing: the error summary says what to fix.
  const personError = person.kind === "refused" ? { personName: person.error } : undefined;
  if (range.errors || personError) return data({ ...empty, errors: { ...personError, ...range.errors } });
  // Several people match the name typed: the page offers them to choose from instead of entries.
  if (person.kind === "matches") return data({ ...empty, errors: undefined });
  const from = await pageStart(db, search);
  if (from === "invalid")
    return data(
      { ...empty, startOver: true, errors: { form: "This link to a page of the audit trail is not valid" } },
      { status: 400 },
    );

  const auditFilter = {
    pcnId,
    entity: query.entity,
    personId: chosenPersonId(person),
    from: range.from ?? undefined,
    to: range.to ?? undefined,
  };
  const [page, { count, capped }] = await Promise.all([
    listAudit(db, auditFilter, { from, size: PAGE_SIZE }),
    countAudit(db, auditFilter),
  ]);
  const entries = await auditEntries(db, page.rows);
  return data({
    ...empty,
    entries,
    total: count,
    capped,
    newerThan: page.hasNewer ? (entries[0]?.id ?? null) : null,
    olderThan: page.hasOlder ? (entries.at(-1)?.id ?? null) : null,
    startOver: from !== undefined && !entries.length,
    errors: undefined,
  });
}

const cursor = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Where the page starts: after the entry an "Older" or "Newer" link names, or at the newest entry. */
async function pageStart(db: ReturnType<typeof getDb>, search: URLSearchParams) {
  const [older, newer] = [search.get("older"), search.get("newer")];
  if (older === null && newer === null) return undefined;
  if (older !== null && newer !== null) return "invalid";
  const id = cursor.safeParse(older ?? newer);
  const key = id.success ? await auditKeyOf(db, id.data) : null;
  if (!key) return "invalid";
  return { key, direction: older !== null ? "older" : "newer" } satisfies AuditPageRequest["from"];
}

function withoutCursor(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("older");
  params.delete("newer");
  return `?${params.toString()}`;
}

export default function Audit() {
  const { entries, total, capped, newerThan, olderThan, startOver, filter, errors, people, personSearch } =
    useLoaderData<typeof loader>();
  const location = useLocation();
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
            {personSearch ? (
              <TextInput
                // A new key shows the name found, not what was typed: defaultValue only applies when a field appears.
                key={personSearch.text}
                name="personName"
                label="Person"
                hint="Their name or part of it (leave empty for everyone): changes they made, and changes to their records"
                defaultValue={personSearch.text}
                error={errors && "personName" in errors ? errors.personName : undefined}
                spellCheck={false}
              />
            ) : (
              <Select
                name="person"
                label="Person"
                hint="Changes they made, and changes to their records"
                options={[{ value: "", label: "Everyone" }, ...people]}
                defaultValue={filter.person}
              />
            )}
          </Column>
        </Row>
        <DateRangeInputs values={filter.values} errors={errors} />
        <Button variant="secondary">Filter</Button>
      </Form>
      {personSearch?.kind === "matches" ? (
        <PersonMatches text={personSearch.text} matches={personSearch.matches} more={personSearch.more} />
      ) : (
        <ResultCount count={total} one="entry" many="entries" moreThan={capped} />
      )}
      {entries.length ? (
        <p>
          Showing entries from {formatDateTime(entries.at(-1)!.at)} to {formatDateTime(entries[0]!.at)}
        </p>
      ) : null}
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
                <td>{e.href ? <Link to={appPath(e.href)}>{e.sentence}</Link> : e.sentence}</td>
                <td>
                  <AuditChanges changes={e.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <KeysetPagination newerThan={newerThan} olderThan={olderThan} />
      {startOver ? (
        <p>
          <QueryLink query={withoutCursor(location.search)}>Go to the newest entries</QueryLink>
        </p>
      ) : null}
    </>
  );
}
