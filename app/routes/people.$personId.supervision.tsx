import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/Fields";
import { Pagination } from "~/components/Pagination";
import { RecordMeeting } from "~/components/supervision/RecordMeeting";
import { MeetingsTable } from "~/components/supervision/MeetingsTable";
import { SupervisionStatusCard } from "~/components/supervision/SupervisionStatusCard";
import { PageHeading } from "~/components/kit/Text";
import { canConfirmMeeting, canOversee, type Viewer } from "~/domain/permissions";
import { expectedIntervalDays } from "~/domain/supervision-cadence";
import { todayInLondon } from "~/domain/training-status";
import { designatedSupervisors, listMeetings, recordMeeting, supervisionFactsOf } from "~/models/supervision.server";
import type { Person } from "~/models/user.server";
import { getContent } from "~/content/index.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { MEETING_ARRAYS, meetingSchema, patientDetailErrors } from "~/forms/compliance.server";
import { supervisionStatusOf } from "~/content/compliance-rules.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { formValues, invalid, parseForm, pageNumber } from "~/forms/fields";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { GoalsDuePanel } from "~/components/development/GoalsDue";
import { dueGoalsOf } from "~/services/development-plan.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Supervision", data?.person.name) }];

const PAGE_SIZE = 20;
const Query = z.object({ page: pageNumber() });

/**
 * Who may record a meeting: a designated supervisor or the PCN lead (canOversee), and also the person themself, so
 * a meeting is not lost when the supervisor forgets to write it up. Every record names who recorded it, and one
 * recorded by someone who may not confirm it waits for the supervisor it names.
 */
const mayRecord = (viewer: Viewer, person: Person) => canOversee(viewer, person) || viewer.id === person.id;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const db = getDb();
  const { page } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const facts = (await supervisionFactsOf(db, [person.id])).get(person.id)!;
  const policy = getContent().supervisionPolicy;
  const { meetings, total } = await listMeetings(db, person.id, { page, pageSize: PAGE_SIZE });
  const supervisors = await designatedSupervisors(db, person.id);
  return {
    person: { id: person.id, name: person.name, fte: person.fte },
    own: person.id === user.viewer.id,
    status: supervisionStatusOf(facts, todayInLondon(new Date())),
    lastMeetingOn: facts.lastMeetingOn,
    intervalDays: expectedIntervalDays(person.fte ?? 1, policy),
    policy: policy.description,
    supervisors,
    canRecord: mayRecord(user.viewer, person),
    defaultSupervisorId: supervisors.some((s) => s.id === user.viewer.id)
      ? String(user.viewer.id)
      : supervisors.length === 1
        ? String(supervisors[0]!.id)
        : "",
    meetings: meetings.map((m) => ({
      ...m,
      canDecide: m.status === "pending" && canConfirmMeeting(user.viewer, person, m),
    })),
    total,
    page,
    pageSize: PAGE_SIZE,
    goalsDue: await dueGoalsOf(db, person.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  if (!mayRecord(user.viewer, person)) throw notFound();
  const db = getDb();
  const supervisors = await designatedSupervisors(db, person.id);
  if (supervisors.length === 0)
    return invalid({ form: `${person.name} has no designated supervisor. A PCN lead can name one on their page.` });
  const form = await readForm(request);
  const parsed = parseForm(meetingSchema(supervisors.map((s) => s.id)), form, { arrays: MEETING_ARRAYS });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const patientDetails = patientDetailErrors({ topics: parsed.data.topics, actions: parsed.data.actions });
  if (Object.keys(patientDetails).length) return invalid(patientDetails, formValues(form));
  const confirmed = canConfirmMeeting(user.viewer, person, { supervisorId: parsed.data.supervisorId });
  try {
    await recordMeeting(db, person, parsed.data, { ...actorOf(user, context), id: user.viewer.id }, confirmed);
  } catch (error) {
    // An arrangement ended between showing the form and posting it.
    return refusedByRule(error, formValues(form));
  }
  return redirectWithFlash(
    request,
    `/people/${person.id}/supervision`,
    confirmed
      ? "Supervision meeting recorded"
      : "Supervision meeting recorded. It counts towards supervision once your supervisor confirms it.",
  );
}

export default function SupervisionPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <PageHeading caption={data.person.name}>
        {data.own ? "My supervision" : `${data.person.name}'s supervision`}
      </PageHeading>
      <SupervisionStatusCard
        status={data.status}
        lastMeetingOn={data.lastMeetingOn}
        intervalDays={data.intervalDays}
        fte={data.person.fte}
        supervisorNames={data.supervisors.map((s) => s.name)}
        policy={data.policy}
      />
      <GoalsDuePanel {...data.goalsDue} own={data.own} />

      <h2>Meetings</h2>
      {data.total ? (
        <MeetingsTable personId={data.person.id} meetings={data.meetings} total={data.total} />
      ) : (
        <p>No supervision meetings have been recorded.</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />

      {data.canRecord ? (
        <RecordMeeting
          personId={data.person.id}
          own={data.own}
          supervisors={data.supervisors}
          meetings={data.total}
          errors={actionData?.errors}
          values={actionData?.values ?? { supervisorId: data.defaultSupervisorId }}
        />
      ) : null}
    </>
  );
}
