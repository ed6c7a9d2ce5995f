import { Link } from "~/components/kit/Link";
import { VisuallyHidden } from "~/components/kit/Text";
import { MeetingStatusTag } from "~/components/SupervisionStatusTag";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { MEETING_MODE_LABELS, type MeetingMode } from "~/domain/vocabulary";

interface MeetingRow {
  id: number;
  metOn: string;
  supervisorName: string;
  recordedByName: string;
  minutes: number;
  mode: MeetingMode;
  topics: string;
  actions: string;
  patientConcerns: boolean;
  safeguardingConcerns: boolean;
  status: Parameters<typeof MeetingStatusTag>[0]["status"];
  canDecide: boolean;
}

/** A person's supervision meetings, latest first, each linking to its record (and to confirm or dispute it). */
export function MeetingsTable({
  personId,
  meetings,
  total,
}: {
  personId: number;
  meetings: MeetingRow[];
  total: number;
}) {
  return (
    <Table caption={`${total} ${total === 1 ? "meeting" : "meetings"}, latest first`}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Supervisor</th>
          <th scope="col">Length and type</th>
          <th scope="col">Topics and actions</th>
          <th scope="col">Concerns discussed</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <td className="app-nowrap">
              <Link to={`/people/${personId}/supervision/${m.id}`}>{formatDate(m.metOn)}</Link>
            </td>
            <td>
              {m.supervisorName}
              <span className="app-cell-note">Recorded by {m.recordedByName}</span>
            </td>
            <td>
              {m.minutes} minutes, {MEETING_MODE_LABELS[m.mode].toLowerCase()}
            </td>
            <td>
              <p className="app-prewrap nhsuk-u-margin-bottom-2">{m.topics}</p>
              <p className="app-prewrap nhsuk-u-margin-bottom-0">
                <strong>Actions:</strong> {m.actions}
              </p>
            </td>
            <td>
              {[m.patientConcerns ? "Patient-related" : null, m.safeguardingConcerns ? "Safeguarding" : null]
                .filter(Boolean)
                .join(", ") || "None"}
            </td>
            <td>
              <MeetingStatusTag status={m.status} />
              {m.canDecide ? (
                <Link className="app-cell-note" to={`/people/${personId}/supervision/${m.id}`}>
                  Confirm or dispute
                  <VisuallyHidden> the meeting on {formatDate(m.metOn)}</VisuallyHidden>
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
