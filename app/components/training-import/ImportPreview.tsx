import { Form, useNavigation } from "@remix-run/react";
import { Button } from "~/components/kit/Button";
import { Tag, type TagColour } from "~/components/kit/Tag";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import {
  IMPORT_OUTCOME_LABELS,
  type ImportCounts,
  type ImportOutcome,
  type PlannedRow,
} from "~/domain/training-import";
import { ProgressStatus } from "./ProgressStatus";

const COLOURS: Record<ImportOutcome, TagColour> = { new: "green", updated: "blue", unchanged: "grey", rejected: "red" };

/** Changes first, then what needs fixing in the file, then what stays as it is. */
const ORDER: ImportOutcome[] = ["new", "updated", "rejected", "unchanged"];

export function ImportCountsList({ counts }: { counts: ImportCounts }) {
  return (
    <dl className="app-figures" data-testid="import-counts">
      {ORDER.map((outcome) => (
        <div className="app-figure" key={outcome}>
          <dt>{IMPORT_OUTCOME_LABELS[outcome]}</dt>
          <dd>{counts[outcome]}</dd>
        </div>
      ))}
    </dl>
  );
}

function PlanTable({ rows }: { rows: PlannedRow[] }) {
  const sorted = ORDER.flatMap((outcome) => rows.filter((row) => row.outcome === outcome));
  return (
    <Table caption="What each row of the file will do" testId="import-preview">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Person</th>
          <th scope="col">Training</th>
          <th scope="col">Completed</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.line}>
            <td>{row.line}</td>
            <td>{row.who}</td>
            <td>{row.training}</td>
            <td>{formatDate(row.completedOn)}</td>
            <td>
              <Tag colour={COLOURS[row.outcome]}>{IMPORT_OUTCOME_LABELS[row.outcome]}</Tag> {row.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The preview and its confirmation. The confirmation carries the file back as it was uploaded (base64), so what is
 * applied is exactly what was checked, and the fingerprint of the changes shown, so nothing else is applied.
 */
export function ImportPreview({
  fileName,
  counts,
  plan,
  fileData,
  fingerprint,
}: {
  fileName: string;
  counts: ImportCounts;
  plan: PlannedRow[];
  fileData: string;
  fingerprint: string;
}) {
  const changes = counts.new + counts.updated;
  const navigation = useNavigation();
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  return (
    <>
      <h2>What {fileName} will do</h2>
      <ImportCountsList counts={counts} />
      {changes ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="fileName" value={fileName} />
          <input type="hidden" name="fileData" value={fileData} />
          <input type="hidden" name="fingerprint" value={fingerprint} />
          <p>
            Rejected and unchanged rows are left out. Each new or updated record is saved and audited, all together or
            not at all.
          </p>
          <Button disabled={importing}>
            Import {changes} {changes === 1 ? "record" : "records"}
          </Button>
          <ProgressStatus id="apply-progress" busy={importing} label="Importing the records" />
        </Form>
      ) : (
        <p>Nothing in this file would change anyone&apos;s training records.</p>
      )}
      <PlanTable rows={plan} />
    </>
  );
}
