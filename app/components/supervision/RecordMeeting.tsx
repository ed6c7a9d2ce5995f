import { Link } from "~/components/kit/Link";
import { SupervisionMeetingForm } from "~/components/SupervisionMeetingForm";
import type { FieldErrors, FormValues } from "~/forms/fields";

/**
 * Recording a meeting on a person's supervision record. It needs a designated supervisor to name; the person's own
 * record says theirs count once that supervisor confirms them. `meetings` counts the meetings on file: a new one
 * remounts the form, so it starts empty rather than keeping what was just typed.
 */
export function RecordMeeting({
  personId,
  own,
  supervisors,
  meetings,
  errors,
  values,
}: {
  personId: number;
  own: boolean;
  supervisors: { id: number; name: string }[];
  meetings: number;
  errors: FieldErrors | undefined;
  values: FormValues;
}) {
  return (
    <>
      <h2 id="record">Record a meeting</h2>
      {own ? <p>Meetings you record count towards supervision once the supervisor you met confirms them.</p> : null}
      {supervisors.length ? (
        <SupervisionMeetingForm key={meetings} errors={errors} values={values} supervisors={supervisors} />
      ) : (
        <p>
          No designated supervisor is recorded, so meetings cannot be recorded yet.{" "}
          {own ? "Ask your PCN lead to name one." : <Link to={`/people/${personId}`}>Name a supervisor</Link>}
        </p>
      )}
    </>
  );
}
