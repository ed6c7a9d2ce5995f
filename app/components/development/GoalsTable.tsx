import { Link } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import { Table, TableBody, TableHead } from "~/components/Table";
import { formatDate } from "~/domain/format";
import type { GoalStatus } from "~/domain/vocabulary";

interface Row {
  id: number;
  title: string;
  targetDate: string;
  status: GoalStatus;
  agreedAt: string | null;
}

/** A page of a plan's goals, soonest first. */
export function GoalsTable({ personId, goals, caption }: { personId: number; goals: Row[]; caption: string }) {
  return (
    <Table caption={caption} testId="goals">
      <TableHead columns={["Goal", "Target date", "Status", "Agreed by supervisor"]} />
      <TableBody>
        {goals.map((g) => (
          <tr key={g.id}>
            <td>
              <Link to={`/people/${personId}/development-plan/${g.id}`}>{g.title}</Link>
            </td>
            <td className="app-nowrap">{formatDate(g.targetDate)}</td>
            <td>
              <StateTag kind="goal" state={g.status} />
            </td>
            <td>{g.agreedAt ? "Agreed" : "Not yet"}</td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
