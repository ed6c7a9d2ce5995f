import { Link } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import { Table, TableBody, TableHead } from "~/components/Table";
import { formatInstantDate } from "~/domain/format";
import type { RatingState } from "~/domain/vocabulary";

interface Row {
  id: number;
  competencyId: string;
  level: string;
  ratedAt: string;
  status: RatingState;
  decidedByName: string | null;
}

/** A page of every rating made, newest first: nothing is overwritten. */
export function RatingHistory({
  personId,
  ratings,
  total,
  competencyTitles,
}: {
  personId: number;
  ratings: Row[];
  total: number;
  competencyTitles: Record<string, string>;
}) {
  return (
    <Table caption={`${total} ${total === 1 ? "rating" : "ratings"}`} testId="rating-history">
      <TableHead columns={["Date", "Competency", "Level", "Status", "Decided by"]} />
      <TableBody>
        {ratings.map((r) => (
          <tr key={r.id}>
            <td className="app-nowrap">
              <Link to={`/people/${personId}/self-assessment/${r.id}`}>{formatInstantDate(r.ratedAt)}</Link>
            </td>
            <td>{competencyTitles[r.competencyId] ?? "No longer in the framework"}</td>
            <td>{r.level}</td>
            <td>
              <StateTag kind="rating" state={r.status} />
            </td>
            <td>{r.decidedByName ?? ""}</td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
