import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { ReadinessPanel } from "~/components/ReadinessPanel";
import { TrainingForm } from "~/components/TrainingForm";
import { TrainingStandings } from "~/components/training/TrainingStandings";
import { TrainingRecordsTable } from "~/components/TrainingRecordsTable";
import { canEditPortfolio } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { createTrainingRecord, listTrainingRecords, trainingRecordsOf } from "~/models/training.server";
import { getContent, jobRoleTitle } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { readTrainingForm } from "~/services/training-form.server";
import { readinessOf, requirementStandings, trainingOptions } from "~/content/compliance-rules.server";
import { getDb } from "~/lib/db.server";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { redirectWithFlash } from "~/lib/flash.server";
import { PageHeading } from "~/components/kit/Text";
import { pageNumber } from "~/forms/fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Training", data?.person.name) }];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const db = getDb();
  const today = todayInLondon(new Date());
  const { page } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const all = await trainingRecordsOf(db, [person.id]);
  const { records, total } = await listTrainingRecords(db, person.id, { page, pageSize: PAGE_SIZE });
  return {
    person: { id: person.id, name: person.name, jobRoleTitle: jobRoleTitle(person.jobRole) },
    own: person.id === user.viewer.id,
    canEdit: canEditPortfolio(user.viewer, person),
    readiness: { personId: person.id, name: person.name, ...readinessOf(person.jobRole, all, today) },
    standings: requirementStandings(person.jobRole, all, today).map((s) => ({
      id: s.requirement.id,
      title: s.requirement.title,
      required: s.required,
      beforeReferrals: s.requirement.requiredBeforeReferrals,
      state: s.state,
      expiresOn: s.expiresOn,
      record: s.record
        ? { id: s.record.id, completedOn: s.record.completedOn, verified: s.record.verifiedAt !== null }
        : null,
    })),
    records,
    titles: Object.fromEntries(getContent().trainingRequirements.requirements.map((r) => [r.id, r.title])),
    requirementOptions: trainingOptions(person.jobRole),
    page,
    pageSize: PAGE_SIZE,
    total,
  };
}

/** Adding a record: the person records their own training; supervisors and leads verify it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  if (!canEditPortfolio(user.viewer, person)) throw notFound();
  const actor = { ...actorOf(user, context), id: user.viewer.id };
  const form = await readTrainingForm(request, person, actor);
  if (!form.ok) return form.response;
  const id = await createTrainingRecord(getDb(), person, form.input, getContent().trainingRequirements.version, actor);
  return redirectWithFlash(request, `/people/${person.id}/training/${id}`, "Training record saved");
}

export default function TrainingPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <PageHeading caption={data.person.jobRoleTitle ?? "No job role"}>
        {data.own ? "My training" : `${data.person.name}'s training`}
      </PageHeading>
      <ReadinessPanel readiness={data.readiness} own={data.own} linkToTraining={false} />
      <TrainingStandings personId={data.person.id} standings={data.standings} />
      {data.standings.length === 0 ? <p>No job role is recorded, so the training they need is not known.</p> : null}

      {data.canEdit ? (
        <>
          <h2 id="add">Add a training record</h2>
          <p>
            Record training you are enrolled on, undertaking or have completed. Add the certificate so your supervisor
            or lead can verify it.
          </p>
          <TrainingForm
            errors={actionData?.errors}
            values={actionData?.values ?? {}}
            requirements={data.requirementOptions}
            certificate={actionData?.certificate ?? null}
            submitLabel="Save training record"
          />
        </>
      ) : null}

      <h2>All training records</h2>
      <TrainingRecordsTable personId={data.person.id} records={data.records} titles={data.titles} total={data.total} />
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}
