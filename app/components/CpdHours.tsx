import { BarChart } from "./BarChart";
import { NumericCell, Table, TableBody, TableHead } from "./Table";

// One formatter for every call: toLocaleString with options builds a new Intl.NumberFormat each time.
const HOURS = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** Hours as people read them: "1.5 h", "12 h", "1,234.25 h". */
export const formatHours = (hours: number) => `${HOURS.format(hours)} h`;

/** Hours per category as a chart to scan and a table with the exact figures. */
export function HoursBreakdown({
  rows,
  caption,
  category,
}: {
  rows: { key: string; label: string; hours: number }[];
  caption: string;
  category: string;
}) {
  return (
    <>
      <BarChart rows={rows.map((r) => ({ label: r.label, value: r.hours }))} format={formatHours} />
      <Table caption={caption}>
        <TableHead columns={[category, { numeric: "Hours" }]} />
        <TableBody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <NumericCell>{r.hours}</NumericCell>
            </tr>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
