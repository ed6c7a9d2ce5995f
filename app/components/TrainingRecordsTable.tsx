import { Link } from "~/components/kit/Link";
import { TRAINING_STATUS_LABELS } from "~/domain/vocabulary";
import { formatDate, formatDateTime } from "~/domain/format";
import { Table } from "./Table";

interface RecordRow {
  id: number;
  requirementId: string;
  status: keyof typeof TRAINING_STATUS_LABELS;
  completedOn: string | null;
  provider: string | null;
  attachmentName: string | null;
  verifiedAt: string | null;
}

/** Every record a person has made, including superseded ones (for example last year's annual training). */
export function TrainingRecordsTable({
  personId,
  records,
  titles,
  total,
}: {
  personId: number;
  records: RecordRow[];
  titles: Record<string, string>;
  total: number;
}) {
  if (total === 0) return <p>No training has been recorded yet.</p>;
  return (
    <Table caption={`${total} ${total === 1 ? "record" : "records"}`}>
      <thead>
        <tr>
          <th scope="col">Training</th>
          <th scope="col">Status</th>
          <th scope="col">Completed</th>
          <th scope="col">Provider</th>
          <th scope="col">Certificate</th>
          <th scope="col">Verified</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/people/${personId}/training/${r.id}`}>{titles[r.requirementId] ?? r.requirementId}</Link>
            </td>
            <td>{TRAINING_STATUS_LABELS[r.status]}</td>
            <td className="app-nowrap">{formatDate(r.completedOn) || "—"}</td>
            <td>{r.provider ?? "—"}</td>
            <td>{r.attachmentName ?? "None"}</td>
            <td>{r.verifiedAt ? `Verified ${formatDateTime(r.verifiedAt)}` : "Self-declared"}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
