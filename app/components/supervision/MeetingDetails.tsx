import { Form } from "@remix-run/react";
import { Textarea } from "~/components/Fields";
import { SummaryList } from "~/components/SummaryList";
import { Button } from "~/components/kit/Button";
import { formatInstantDate } from "~/domain/format";
import { MEETING_MODE_LABELS, type MeetingMode, type MeetingStatus } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

interface Meeting {
  supervisorName: string;
  minutes: number;
  mode: MeetingMode;
  topics: string;
  actions: string;
  recordedByName: string;
  status: MeetingStatus;
  decidedByName: string | null;
  decidedAt: string | null;
  disputeReason: string | null;
}

/** Text as it was typed, line breaks kept. */
const typed = (text: string, key: string) => (
  <span className="app-prewrap" key={key}>
    {text}
  </span>
);

/** What a supervision meeting record says, and who confirmed or disputed it. */
export function MeetingSummary({ meeting }: { meeting: Meeting }) {
  const decision: [string, string][] =
    meeting.decidedByName && meeting.decidedAt
      ? [
          [
            meeting.status === "disputed" ? "Disputed by" : "Confirmed by",
            `${meeting.decidedByName} on ${formatInstantDate(meeting.decidedAt)}`,
          ],
        ]
      : [];
  return (
    <SummaryList
      rows={[
        ["Supervisor", meeting.supervisorName],
        ["Length and type", `${meeting.minutes} minutes, ${MEETING_MODE_LABELS[meeting.mode].toLowerCase()}`],
        ["Topics discussed", typed(meeting.topics, "topics")],
        ["Actions agreed", typed(meeting.actions, "actions")],
        ["Recorded by", meeting.recordedByName],
        ...decision,
        ...(meeting.disputeReason
          ? [["Why it was disputed", typed(meeting.disputeReason, "reason")] as [string, JSX.Element]]
          : []),
      ]}
    />
  );
}

/** The supervisor it names confirms the meeting, or disputes it with a reason. */
export function MeetingDecisionForms({
  errors,
  values,
}: {
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
}) {
  return (
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
          error={errors?.reason}
          defaultValue={value(values, "reason")}
        />
        <Button variant="secondary">Dispute meeting</Button>
      </Form>
    </>
  );
}
