import { Card, CardText } from "~/components/kit/Card";
import { Details } from "~/components/kit/Text";
import { SupervisionStatusTag, supervisionSummary } from "~/components/SupervisionStatusTag";
import { formatDate } from "~/domain/format";
import type { SupervisionStatus } from "~/domain/supervision-cadence";

/** Whether supervision is up to date, when it was last confirmed and how often it is expected, and by whom. */
export function SupervisionStatusCard({
  status,
  lastMeetingOn,
  intervalDays,
  fte,
  supervisorNames,
  policy,
}: {
  status: SupervisionStatus;
  lastMeetingOn: string | null;
  intervalDays: number;
  fte: number | null;
  supervisorNames: string[];
  policy: string;
}) {
  return (
    <>
      <Card
        heading={
          <>
            Supervision <SupervisionStatusTag status={status} />
          </>
        }
        warning={status.state === "overdue"}
        testId="supervision-status"
      >
        <CardText>{supervisionSummary(status)}.</CardText>
        <CardText>
          Last confirmed meeting: {formatDate(lastMeetingOn) || "none recorded"}. Expected at least every {intervalDays}{" "}
          days
          {fte === null ? " (no FTE recorded, so full time is assumed)" : ` at ${fte} FTE`}.
        </CardText>
        <CardText>
          Designated {supervisorNames.length === 1 ? "supervisor" : "supervisors"}:{" "}
          {supervisorNames.join(", ") || "none recorded"}
        </CardText>
      </Card>
      <Details summary="How often supervision is expected">
        <p>{policy}</p>
      </Details>
    </>
  );
}
