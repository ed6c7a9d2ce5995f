import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CpdForm } from "~/components/CpdForm";
import { formatHours, HoursBreakdown } from "~/components/CpdHours";
import { ErrorSummary, Select } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { appraisalYearOf } from "~/domain/appraisal-year";
import { canEditPortfolio } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { cpdHoursLog, createCpdEntry, listCpdEntries } from "~/models/cpd.server";
import { getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { CPD_ARRAYS, cpdSchema } from "~/forms/compliance.server";
import { appraisalYearOfDate, cpdTotals } from "~/content/compliance-rules.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { competencyTitles } from "~/content/framework.server";
import { invalid, parseForm, pageNumber } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate } from "~/domain/format";
import { pageTitle } from "~/lib/page-title";
import { CpdEntriesTable } from "~/components/cpd/CpdEntriesTable";
import { redirectWithFlash } from "~/lib/flash.server";
import { Button, ButtonLink } from "~/components/kit/Button";
import { Body, PageHeading } from "~/components/kit/Text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("CPD", data?.person.name) }];

const PAGE_SIZE = 20;
const Query = z.object({
  year: z.string().optional(),
  page: pageNumber(),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const db = getDb();
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const current = appraisalYearOfDate(todayInLondon(new Date()));
  // An unknown or malformed year falls back to the current one, so an old bookmark still opens.
  const year = (query.year && appraisalYearOf(query.year, env().APPRAISAL_YEAR_START_MONTH)) || current;
  const totals = cpdTotals(await cpdHoursLog(db, person.id), year);
  const { entries, total } = await listCpdEntries(db, person.id, {
    range: { from: year.start, to: year.end },
    page: query.page,
    pageSize: PAGE_SIZE,
  });
  const years = [...new Set([current.label, year.label, ...totals.byYear.map((y) => y.label)])].sort().reverse();
  return {
    person: { id: person.id, name: person.name },
    own: person.id === user.viewer.id,
    canEdit: canEditPortfolio(user.viewer, person),
    year,
    years,
    totals,
    entries,
    total,
    page: query.page,
    pageSize: PAGE_SIZE,
    competencies: Object.entries(competencyTitles()).map(([id, title]) => ({ id, title })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  if (!canEditPortfolio(user.viewer, person)) throw notFound();
  const parsed = parseForm(cpdSchema(), await request.formData(), { arrays: CPD_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  await createCpdEntry(getDb(), person, parsed.data, getContent().framework.version, actorOf(user, context));
  const year = appraisalYearOfDate(parsed.data.activityDate).label;
  return redirectWithFlash(request, `/people/${person.id}/cpd?year=${encodeURIComponent(year)}`, "CPD entry saved");
}

export default function CpdPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { totals, year } = data;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <PageHeading caption={data.person.name}>{data.own ? "My CPD log" : `${data.person.name}'s CPD log`}</PageHeading>
      {data.canEdit ? <ButtonLink href="#add">Add a CPD entry</ButtonLink> : null}
      <Form method="get" className="app-inline-form">
        <Select
          name="year"
          label="Appraisal year"
          options={data.years.map((y) => ({ value: y, label: y }))}
          defaultValue={year.label}
        />
        <Button variant="secondary">Show year</Button>
      </Form>
      <Body size="l">
        <strong>{formatHours(totals.yearTotal)}</strong> of CPD from {formatDate(year.start)} to {formatDate(year.end)}
      </Body>

      <h2>Hours by type in {year.label}</h2>
      <HoursBreakdown
        rows={totals.byType.map((t) => ({ key: t.type, label: t.label, hours: t.hours }))}
        caption={`CPD hours by type, appraisal year ${year.label}`}
        category="Type"
      />

      <h2>Hours by appraisal year</h2>
      {totals.byYear.length ? (
        <HoursBreakdown
          rows={totals.byYear.map((y) => ({ key: y.label, label: y.label, hours: y.hours }))}
          caption="CPD hours by appraisal year"
          category="Appraisal year"
        />
      ) : (
        <p>No CPD has been logged yet.</p>
      )}

      <h2>Entries in {year.label}</h2>
      {data.total ? (
        <CpdEntriesTable personId={data.person.id} entries={data.entries} total={data.total} />
      ) : (
        <p>No CPD entries in this appraisal year.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />

      {data.canEdit ? (
        <>
          <h2 id="add">Add a CPD entry</h2>
          <CpdForm
            errors={actionData?.errors}
            values={actionData?.values ?? {}}
            competencies={data.competencies}
            submitLabel="Save CPD entry"
          />
        </>
      ) : null}
    </>
  );
}
