import { Link } from "~/components/kit/Link";
import { EvidenceStatusTag } from "~/components/StatusTag";
import { Table, TableBody, TableHead } from "~/components/Table";
import type { EvidenceState } from "~/domain/evidence-workflow";
import { formatDate } from "~/domain/format";
import { EVIDENCE_TYPES } from "~/domain/vocabulary";

interface EvidenceRow {
  id: number;
  title: string;
  activityDate: string;
  type: string;
  competencyIds: string[];
  status: EvidenceState;
  changesInProgress: boolean;
}

/** A page of a person's evidence, as a filter found it; `titles` names the competencies by id. */
export function EvidenceTable({ items, titles }: { items: EvidenceRow[]; titles: Record<string, string> }) {
  return (
    <Table caption="Evidence" captionHidden>
      <TableHead columns={["Title", "Date", "Type", "Competencies", "Status"]} />
      <TableBody>
        {items.map((e) => (
          <tr key={e.id}>
            <td>
              <Link to={`/evidence/${e.id}`}>{e.title}</Link>
            </td>
            <td className="app-nowrap">{formatDate(e.activityDate)}</td>
            <td>{EVIDENCE_TYPES[e.type as keyof typeof EVIDENCE_TYPES] ?? e.type}</td>
            <td>{e.competencyIds.map((c) => titles[c] ?? c).join("; ")}</td>
            <td>
              <EvidenceStatusTag status={e.status} changesInProgress={e.changesInProgress} />
            </td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
