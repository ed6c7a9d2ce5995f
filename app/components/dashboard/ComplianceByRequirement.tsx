import { BarChart } from "~/components/BarChart";
import { Table } from "~/components/Table";
import { TRAINING_STATE_FILLS } from "~/components/TrainingStateTag";
import { TRAINING_STATE_LABELS, TRAINING_STATES } from "~/domain/vocabulary";
import type { TrainingState } from "~/domain/training-status";

interface RequirementCompliance {
  id: string;
  title: string;
  counts: Record<TrainingState, number>;
  required: number;
}

/** For each training requirement, how many of the staff who need it are in each state: a chart and its table. */
export function ComplianceByRequirement({ compliance }: { compliance: RequirementCompliance[] }) {
  if (!compliance.length) return <p>No staff match these filters, so there is no training to show.</p>;
  return (
    <>
      <BarChart
        rows={compliance.map((c) => ({
          label: c.title,
          segments: TRAINING_STATES.map((s) => ({ value: c.counts[s], className: TRAINING_STATE_FILLS[s] })),
        }))}
        legend={TRAINING_STATES.map((s) => ({
          label: TRAINING_STATE_LABELS[s],
          className: TRAINING_STATE_FILLS[s],
        }))}
      />
      <Table
        caption="Staff in each state, for each requirement, out of the staff whose role requires it"
        testId="compliance-table"
      >
        <thead>
          <tr>
            <th scope="col">Training</th>
            {TRAINING_STATES.map((s) => (
              <th scope="col" className="nhsuk-table__header--numeric" key={s}>
                {TRAINING_STATE_LABELS[s]}
              </th>
            ))}
            <th scope="col" className="nhsuk-table__header--numeric">
              Staff required
            </th>
          </tr>
        </thead>
        <tbody>
          {compliance.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.title}</th>
              {TRAINING_STATES.map((s) => (
                <td className="nhsuk-table__cell--numeric" key={s}>
                  {c.counts[s]}
                </td>
              ))}
              <td className="nhsuk-table__cell--numeric">{c.required}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
