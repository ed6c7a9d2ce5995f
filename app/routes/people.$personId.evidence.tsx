import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DateRangeInputs, ErrorSummary, Select, TextInput } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { EvidenceTable } from "~/components/evidence/EvidenceTable";
import { EVIDENCE_STATUS_LABELS, EVIDENCE_TYPES, options } from "~/domain/vocabulary";
import { evidenceViewFor } from "~/domain/permissions";
import { listEvidence } from "~/models/evidence.server";
import { requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { allCompetencyIds } from "~/forms/evidence.server";
import { competencyTitles } from "~/content/framework.server";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { readDateRange, pageNumber } from "~/forms/fields";
import { pageTitle } from "~/lib/page-title";
import { ResultCount } from "~/components/Table";
import { Button, ButtonLink } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Evidence", data?.person.name) }];

const PAGE_SIZE = 20;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  // Unknown filter values are ignored rather than refused: a bookmarked list should still open.
  const Query = z.object({
    competency: z
      .enum(allCompetencyIds() as [string, ...string[]])
      .optional()
      .catch(undefined),
    type: z
      .enum(Object.keys(EVIDENCE_TYPES) as [string, ...string[]])
      .optional()
      .catch(undefined),
    status: z.enum(["draft", "submitted", "returned", "accepted"]).optional().catch(undefined),
    q: z.string().trim().max(100).optional().catch(undefined),
    page: pageNumber(),
  });
  const search = new URL(request.url).searchParams;
  const query = Query.parse(Object.fromEntries(search));
  // A date range with a mistake in it lists nothing: the error summary says what to fix.
  const range = readDateRange(search);
  const { items, total } = range.errors
    ? { items: [], total: 0 }
    : await listEvidence(
        getDb(),
        person.id,
        {
          competencyId: query.competency,
          type: query.type,
          status: query.status,
          from: range.from ?? undefined,
          to: range.to ?? undefined,
          search: query.q || undefined,
          page: query.page,
          pageSize: PAGE_SIZE,
        },
        evidenceViewFor(user.viewer, person),
      );
  return {
    person: { id: person.id, name: person.name },
    own: person.id === user.viewer.id,
    items,
    total,
    page: query.page,
    pageSize: PAGE_SIZE,
    query,
    range,
    titles: competencyTitles(),
  };
}

export default function EvidenceList() {
  const data = useLoaderData<typeof loader>();
  const q = data.query;
  return (
    <>
      <ErrorSummary errors={data.range.errors} />
      <h1>{data.own ? "My evidence" : `${data.person.name}'s evidence`}</h1>
      {data.own ? <ButtonLink to="/evidence/new">Add evidence</ButtonLink> : null}
      <Form method="get">
        <Row>
          <Column width="one-half">
            <Select
              name="competency"
              label="Competency"
              options={[
                { value: "", label: "All competencies" },
                ...Object.entries(data.titles).map(([value, label]) => ({ value, label })),
              ]}
              defaultValue={q.competency ?? ""}
            />
          </Column>
          <Column width="one-quarter">
            <Select
              name="type"
              label="Type"
              options={[{ value: "", label: "All types" }, ...options(EVIDENCE_TYPES)]}
              defaultValue={q.type ?? ""}
            />
          </Column>
          <Column width="one-quarter">
            <Select
              name="status"
              label="Status"
              options={[{ value: "", label: "Any status" }, ...options(EVIDENCE_STATUS_LABELS)]}
              defaultValue={q.status ?? ""}
            />
          </Column>
        </Row>
        <DateRangeInputs values={data.range.values} errors={data.range.errors} />
        <TextInput name="q" label="Search the text" type="search" width={20} defaultValue={q.q ?? ""} />
        <Button variant="secondary">Apply filters</Button>
      </Form>
      <ResultCount count={data.total} one="item" many="items" />
      <EvidenceTable items={data.items} titles={data.titles} />
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}
