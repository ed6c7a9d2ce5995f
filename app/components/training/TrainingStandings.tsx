import { Link } from "~/components/kit/Link";
import { Table, TableBody, TableHead } from "~/components/Table";
import { TrainingStateTag } from "~/components/TrainingStateTag";
import { formatDate } from "~/domain/format";
import type { TrainingState } from "~/domain/training-status";

export interface Standing {
  id: string;
  title: string;
  required: boolean;
  beforeReferrals: boolean;
  state: TrainingState;
  expiresOn: string | null;
  record: { id: number; completedOn: string | null; verified: boolean } | null;
}

/** Where a person stands on each training their job role asks for, required and recommended in separate tables. */
export function TrainingStandings({ personId, standings }: { personId: number; standings: Standing[] }) {
  const tables = [
    { caption: "Required training", rows: standings.filter((s) => s.required) },
    { caption: "Recommended training", rows: standings.filter((s) => !s.required) },
  ];
  return (
    <>
      {tables.map(({ caption, rows }) =>
        rows.length ? (
          <Table caption={caption} key={caption}>
            <TableHead columns={["Training", "Status", "Completed", "Expires", "Verified"]} />
            <TableBody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.record ? <Link to={`/people/${personId}/training/${s.record.id}`}>{s.title}</Link> : s.title}
                    {s.required && s.beforeReferrals ? (
                      <span className="app-cell-note">Needed before taking referrals</span>
                    ) : null}
                  </th>
                  <td>
                    <TrainingStateTag state={s.state} required={s.required} />
                  </td>
                  <td className="app-nowrap">{formatDate(s.record?.completedOn) || "—"}</td>
                  <td className="app-nowrap">
                    {formatDate(s.expiresOn) || (s.record?.completedOn ? "Does not expire" : "—")}
                  </td>
                  <td>{s.record ? (s.record.verified ? "Verified" : "Self-declared") : "—"}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        ) : null,
      )}
    </>
  );
}
