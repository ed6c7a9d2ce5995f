import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Textarea } from "~/components/Fields";
import { SummaryList } from "~/components/SummaryList";
import { MeetingStatusTag } from "~/components/SupervisionStatusTag";
import { canConfirmMeeting } from "~/domain/permissions";
import { decideMeeting, getMeeting } from "~/models/supervision.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { patientDetailErrors } from "~/forms/compliance.server";
import { getDb } from "~/lib/db.server";
import { readForm } from "~/services/upload.server";
import { invalid, parseForm, requiredText, value } from "~/forms/fields";
import { formatDate, formatInstantDate } from "~/domain/format";
import { MEETING_MODE_LABELS } from "~/domain/vocabulary";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { BackLink, PageHeading } from "~/components/kit/Text";

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
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        <BackLink to={`/people/${person.id}/supervision`}>Back to the supervision record</BackLink>
        <PageHeading caption={person.name}>Supervision meeting on {formatDate(meeting.metOn)}</PageHeading>
        <p>
          <MeetingStatusTag status={meeting.status} />
        </p>
        <SummaryList
          rows={[
            ["Supervisor", meeting.supervisorName],
            ["Length and type", `${meeting.minutes} minutes, ${MEETING_MODE_LABELS[meeting.mode].toLowerCase()}`],
            [
              "Topics discussed",
              <span className="app-prewrap" key="topics">
                {meeting.topics}
              </span>,
            ],
            [
              "Actions agreed",
              <span className="app-prewrap" key="actions">
                {meeting.actions}
              </span>,
            ],
            ["Recorded by", meeting.recordedByName],
            ...(meeting.decidedByName && meeting.decidedAt
              ? [
                  [
                    meeting.status === "disputed" ? "Disputed by" : "Confirmed by",
                    `${meeting.decidedByName} on ${formatInstantDate(meeting.decidedAt)}`,
                  ] as [string, string],
                ]
              : []),
            ...(meeting.disputeReason
              ? [
                  [
                    "Why it was disputed",
                    <span className="app-prewrap" key="reason">
                      {meeting.disputeReason}
                    </span>,
                  ] as [string, JSX.Element],
                ]
              : []),
          ]}
        />
        {meeting.status === "pending" && !canDecide ? (
          <p>This meeting counts towards supervision once {meeting.supervisorName} confirms it.</p>
        ) : null}
        {canDecide ? (
          <>
            <h2>Confirm this meeting</h2>
            <p>Confirm it if the meeting took place as recorded. Only confirmed meetings count towards supervision.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <Button>Confirm meeting</Button>
            </Form>
            <h2>Or dispute it</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="dispute" />
              <Textarea
                name="reason"
                label="Why do you dispute this meeting?"
                hint="For example, the date is wrong or the meeting did not take place. Do not write anything that could identify a patient."
                error={actionData?.errors.reason}
                defaultValue={value(actionData?.values, "reason")}
              />
              <Button variant="secondary">Dispute meeting</Button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
