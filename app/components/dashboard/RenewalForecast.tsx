import { Link } from "~/components/kit/Link";
import { BarChart } from "~/components/BarChart";
import { Table } from "~/components/Table";
import { formatDate } from "~/domain/format";
import type { ForecastMonth } from "~/domain/renewal-forecast";

const staffCount = (n: number) => (n === 1 ? "1 member of staff" : `${n} members of staff`);

/**
 * Whose required training lapses in each of the next 12 months, per requirement: a chart of each month's total and
 * a table with the same figures, naming the people when the dashboard shows one PCN.
 */
export function RenewalForecast({ forecast }: { forecast: ForecastMonth[] }) {
  const withNames = forecast.some((m) => m.requirements.some((r) => r.people !== null));
  const total = forecast.reduce((n, m) => n + m.total, 0);
  if (total === 0) return <p>No required training lapses in the next 12 months for the staff shown.</p>;
  return (
    <>
      <BarChart rows={forecast.map((m) => ({ label: m.label, value: m.total }))} />
      <Table caption="Required training that lapses each month unless renewed first" testId="renewal-forecast">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Training</th>
            <th scope="col" className="nhsuk-table__header--numeric">
              Staff
            </th>
            {withNames ? <th scope="col">Who (expiry date)</th> : null}
          </tr>
        </thead>
        {forecast.map((m) => (
          <tbody key={m.month}>
            {m.requirements.length === 0 ? (
              <tr>
                <th scope="row">{m.label}</th>
                <td>Nothing lapses</td>
                <td className="nhsuk-table__cell--numeric">0</td>
                {withNames ? <td /> : null}
              </tr>
            ) : (
              m.requirements.map((r, i) => (
                <tr key={r.id}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={m.requirements.length}>
                      {m.label}
                    </th>
                  ) : null}
                  <td>{r.title}</td>
                  <td className="nhsuk-table__cell--numeric">{r.count}</td>
                  {withNames ? (
                    <td>
                      {(r.people ?? []).map((p, j) => (
                        <span key={p.id}>
                          {j > 0 ? <br /> : null}
                          <Link to={`/people/${p.id}/training`}>{p.name}</Link>
                          {`, ${formatDate(p.expiresOn)}`}
                        </span>
                      ))}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        ))}
      </Table>
      {withNames ? null : (
        <p>
          {staffCount(total)} in all. Choose a PCN to see who, so that their training can be booked before it lapses.
        </p>
      )}
    </>
  );
}
