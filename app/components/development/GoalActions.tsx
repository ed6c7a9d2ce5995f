import { Form } from "@remix-run/react";
import { Link } from "~/components/kit/Link";
import { Button, ButtonGroup, PostButton } from "~/components/kit/Button";
import { Heading, PlainList } from "~/components/kit/Text";
import { DateInput, Select, Textarea } from "~/components/Fields";
import { formatDate, formatDateTime } from "~/domain/format";
import { GOAL_ACTION_VERBS, type GoalAction } from "~/domain/vocabulary";
import { value, type FieldErrors, type FormValues } from "~/forms/fields";

interface Props {
  actions: GoalAction[];
  errors: FieldErrors | undefined;
  values: FormValues | undefined;
  /** The person's supervision meetings a note of progress can belong to, newest first. */
  meetings: { id: number; metOn: string }[];
}

/** What the person or their supervisor can do to the goal now. */
export function GoalActions({ actions, errors, values, meetings }: Props) {
  const can = (action: GoalAction) => actions.includes(action);
  return (
    <>
      <ButtonGroup>
        {can("agree") ? <PostButton fields={{ intent: "agree" }}>Agree goal</PostButton> : null}
        {can("start") ? <PostButton fields={{ intent: "start" }}>Mark as in progress</PostButton> : null}
        {can("achieve") ? <PostButton fields={{ intent: "achieve" }}>Mark as achieved</PostButton> : null}
      </ButtonGroup>
      {can("record-progress") ? (
        <>
          <Heading level={2}>Record progress</Heading>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="record-progress" />
            <Textarea
              name="note"
              label="Progress made"
              hint="Do not write anything that could identify a patient."
              rows={3}
              error={errors?.note}
              defaultValue={value(values, "note")}
            />
            {meetings.length ? (
              <Select
                name="meetingId"
                label="Reviewed at a supervision meeting (optional)"
                options={[
                  { value: "", label: "Not at a meeting" },
                  ...meetings.map((m) => ({ value: String(m.id), label: formatDate(m.metOn) })),
                ]}
                error={errors?.meetingId}
                defaultValue={value(values, "meetingId")}
              />
            ) : null}
            <Button variant="secondary">Save progress</Button>
          </Form>
        </>
      ) : null}
      {can("carry-forward") ? (
        <>
          <Heading level={2}>Carry into this year’s plan</Heading>
          <p>
            The appraisal year this goal was due in has ended. Carry it forward with a reason and a new target date.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="carry-forward" />
            <Textarea
              name="reason"
              label="Why is it being carried forward?"
              rows={3}
              error={errors?.reason}
              defaultValue={value(values, "reason")}
            />
            <DateInput name="targetDate" legend="New target date" error={errors?.targetDate} values={values} />
            <Button variant="secondary">Carry forward</Button>
          </Form>
        </>
      ) : null}
      {can("drop") ? (
        <>
          <Heading level={2}>Drop this goal</Heading>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="drop" />
            <Textarea
              name="dropReason"
              label="Why are you dropping it?"
              rows={3}
              error={errors?.dropReason}
              defaultValue={value(values, "dropReason")}
            />
            <Button variant="warning">Drop goal</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

interface Update {
  id: number;
  action: GoalAction;
  note: string | null;
  at: string;
  actorName: string;
  meetingId: number | null;
  metOn: string | null;
}

/** A page of the goal's history: agreement, changes of status and progress, oldest first. */
export function GoalHistory({ personId, updates }: { personId: number; updates: Update[] }) {
  if (!updates.length) return <p>Nothing recorded yet.</p>;
  return (
    <PlainList>
      {updates.map((u) => (
        <li key={u.id}>
          {formatDateTime(u.at)}: {u.actorName} {GOAL_ACTION_VERBS[u.action]} this goal
          {u.meetingId && u.metOn ? (
            <>
              {" "}
              at the{" "}
              <Link to={`/people/${personId}/supervision/${u.meetingId}`}>
                supervision meeting on {formatDate(u.metOn)}
              </Link>
            </>
          ) : null}
          {u.note ? <span className="app-prewrap">: “{u.note}”</span> : null}
        </li>
      ))}
    </PlainList>
  );
}
