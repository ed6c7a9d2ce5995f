import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { MeetingDecisionForms, MeetingSummary } from "~/components/supervision/MeetingDetails";
import { MeetingStatusTag } from "~/components/SupervisionStatusTag";
import { canConfirmMeeting } from "~/domain/permissions";
import { decideMeeting, getMeeting } from "~/models/supervision.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { patientDetailErrors } from "~/forms/compliance.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { invalid, parseForm, requiredText } from "~/forms/fields";
import { formatDate } from "~/domain/format";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { BackLink, PageHeading } from "~/components/kit/Text";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Supervision meeting", data?.person.name) },
];

/** The person (404 unless this viewer may see them) and one of their meetings (404 if it is not theirs). */
async function meetingFor({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const meetingId = idParam(params.meetingId);
  const meeting = meetingId === null ? undefined : await getMeeting(getDb(), person.id, meetingId);
  if (!meeting) throw notFound();
  return { user, person, meeting };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, person, meeting } = await meetingFor({ request, context, params });
  return {
    person: { id: person.id, name: person.name },
    meeting,
    canDecide: meeting.status === "pending" && canConfirmMeeting(user.viewer, person, meeting),
  };
}

const Decision = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm") }),
    z.object({
      intent: z.literal("dispute"),
      reason: requiredText("Enter why you dispute this meeting", "The reason", 2000),
    }),
  ],
  { error: "Choose whether to confirm or dispute the meeting" },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, person, meeting } = await meetingFor({ request, context, params });
  if (!canConfirmMeeting(user.viewer, person, meeting)) throw notFound();
  const parsed = parseForm(Decision, await readForm(request));
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const decision =
    parsed.data.intent === "confirm"
      ? { decision: "confirm" as const }
      : { decision: "dispute" as const, reason: parsed.data.reason };
  if (decision.decision === "dispute") {
    const patientDetails = patientDetailErrors({ reason: decision.reason });
    if (Object.keys(patientDetails).length) return invalid(patientDetails, { reason: decision.reason });
  }
  const result = await decideMeeting(getDb(), person, meeting.id, decision, {
    ...actorOf(user, context),
    id: user.viewer.id,
  });
  if (!result.ok) return invalid({ form: result.reason });
  return redirectWithFlash(
    request,
    `/people/${person.id}/supervision`,
    decision.decision === "confirm" ? "Meeting confirmed" : "Meeting disputed",
  );
}

export default function MeetingPage() {
  const { person, meeting, canDecide } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        <BackLink to={`/people/${person.id}/supervision`}>Back to the supervision record</BackLink>
        <PageHeading caption={person.name}>Supervision meeting on {formatDate(meeting.metOn)}</PageHeading>
        <p>
          <MeetingStatusTag status={meeting.status} />
        </p>
        <MeetingSummary meeting={meeting} />
        {meeting.status === "pending" && !canDecide ? (
          <p>This meeting counts towards supervision once {meeting.supervisorName} confirms it.</p>
        ) : null}
        {canDecide ? <MeetingDecisionForms errors={actionData?.errors} values={actionData?.values} /> : null}
      </Column>
    </Row>
  );
}
