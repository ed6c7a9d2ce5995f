import { Link } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import { Table, TableBody, TableHead } from "~/components/Table";
import { formatDate } from "~/domain/format";
import type { AppraisalStatus } from "~/domain/vocabulary";

interface Row {
  id: number;
  heldOn: string;
  appraiserName: string;
  periodStart: string;
  periodEnd: string;
  status: AppraisalStatus;
}

/** A page of a person's appraisals, latest first. */
export function AppraisalsTable({
  personId,
  appraisals,
  caption,
}: {
  personId: number;
  appraisals: Row[];
  caption: string;
}) {
  return (
    <Table caption={caption} testId="appraisals">
      <TableHead columns={["Date", "Appraiser", "Period", "Status"]} />
      <TableBody>
        {appraisals.map((a) => (
          <tr key={a.id}>
            <td className="app-nowrap">
              <Link to={`/people/${personId}/appraisals/${a.id}`}>{formatDate(a.heldOn)}</Link>
            </td>
            <td>{a.appraiserName}</td>
            <td>
              {formatDate(a.periodStart)} to {formatDate(a.periodEnd)}
            </td>
            <td>
              <StateTag kind="appraisal" state={a.status} />
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
