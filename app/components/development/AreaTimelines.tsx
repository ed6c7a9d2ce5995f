import { BarChart } from "~/components/BarChart";
import { Heading } from "~/components/kit/Text";
import { Table, TableBody } from "~/components/Table";
import { formatDate } from "~/domain/format";
import type { AreaTimeline, LevelCounts } from "~/domain/self-assessment";

const levelFill = (index: number) => `app-chart-fill--level-${index + 1}`;
const UNRATED_FILL = "app-chart-fill--missing";

const segments = (counts: LevelCounts) => [
  ...counts.byLevel.map((value, i) => ({ value, className: levelFill(i) })),
  { value: counts.unrated, className: UNRATED_FILL },
];

/**
 * For each area, how many of its competencies stood at each level at the end of each month with a change: the
 * self-rated and the confirmed levels as separate bars, then the same figures in a table.
 */
export function AreaTimelines({ timelines, levels }: { timelines: AreaTimeline[]; levels: { title: string }[] }) {
  const shown = timelines.filter((t) => t.snapshots.length);
  if (!shown.length) return <p>No ratings yet: the chart appears once the first competency is rated.</p>;
  const legend = [
    ...levels.map((l, i) => ({ label: l.title, className: levelFill(i) })),
    { label: "Not rated or not confirmed", className: UNRATED_FILL },
  ];
  return (
    <>
      {shown.map((area) => (
        <section key={area.areaId} aria-labelledby={`timeline-${area.areaId}`}>
          <Heading level={3} size="s" id={`timeline-${area.areaId}`}>
            {area.title}
          </Heading>
          <BarChart
            legend={legend}
            rows={area.snapshots.flatMap((s) => [
              { label: `${formatDate(s.date)}: self-rated`, segments: segments(s.self) },
              { label: `${formatDate(s.date)}: confirmed`, segments: segments(s.confirmed) },
            ])}
          />
          <Table caption={`${area.title}: competencies at each level`} testId={`timeline-table-${area.areaId}`}>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Rating</th>
                {levels.map((l) => (
                  <th scope="col" className="nhsuk-table__header--numeric" key={l.title}>
                    {l.title}
                  </th>
                ))}
                <th scope="col" className="nhsuk-table__header--numeric">
                  Not rated or not confirmed
                </th>
              </tr>
            </thead>
            <TableBody>
              {area.snapshots.flatMap((s) =>
                (["self", "confirmed"] as const).map((kind) => (
                  <tr key={`${s.date}-${kind}`}>
                    <td className="app-nowrap">{formatDate(s.date)}</td>
                    <td>{kind === "self" ? "Self-rated" : "Confirmed"}</td>
                    {s[kind].byLevel.map((n, i) => (
                      <td className="nhsuk-table__cell--numeric" key={i}>
                        {n}
                      </td>
                    ))}
                    <td className="nhsuk-table__cell--numeric">{s[kind].unrated}</td>
                  </tr>
                )),
              )}
            </TableBody>
          </Table>
        </section>
      ))}
    </>
  );
}
