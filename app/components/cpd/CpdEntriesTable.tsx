import { Link } from "~/components/kit/Link";
import { NumericCell, Table, TableBody, TableHead } from "~/components/Table";
import { formatDate } from "~/domain/format";
import { CPD_TYPES } from "~/domain/vocabulary";

interface CpdEntryRow {
  id: number;
  activity: string;
  activityDate: string;
  type: string;
  hours: number;
}

/** The CPD entries of one appraisal year (a page of them), each linking to the whole entry. */
export function CpdEntriesTable({
  personId,
  entries,
  total,
}: {
  personId: number;
  entries: CpdEntryRow[];
  total: number;
}) {
  return (
    <Table caption={`${total} ${total === 1 ? "entry" : "entries"}`}>
      <TableHead columns={["Activity", "Date", "Type", { numeric: "Hours" }]} />
      <TableBody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>
              <Link to={`/people/${personId}/cpd/${e.id}`}>{e.activity}</Link>
            </td>
            <td className="app-nowrap">{formatDate(e.activityDate)}</td>
            <td>{CPD_TYPES[e.type as keyof typeof CPD_TYPES] ?? e.type}</td>
            <NumericCell>{e.hours}</NumericCell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
