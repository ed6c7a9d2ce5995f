import { Heading, PlainList } from "~/components/kit/Text";
import { SummaryList } from "~/components/SummaryList";
import { NumericCell, Table, TableBody, TableHead } from "~/components/Table";
import { formatDate } from "~/domain/format";

interface Props {
  period: { start: string; end: string; label: string | null };
  personId: number;
  /** The appraisal year of the period's PDF portfolio, when this viewer may download it. */
  pdfPeriod: string | null;
  prepared: {
    evidenceAccepted: number;
    signOffs: number;
    ratings: number;
    trainingDone: number;
    meetings: number;
    meetingsExpected: number;
    goalsAchieved: number;
    cpdHours: number;
    cpdByType: { type: string; label: string; entries: number; hours: number }[];
    trainingDue: { title: string; state: string; expiresOn: string | null }[];
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What happened in the appraisal period, so the meeting starts prepared. */
export function PreparedSummary({ period, personId, pdfPeriod, prepared }: Props) {
  const p = prepared;
  return (
    <section aria-labelledby="prepared-heading" data-testid="prepared-summary">
      <Heading level={2} id="prepared-heading">
        In the period {formatDate(period.start)} to {formatDate(period.end)}
      </Heading>
      <SummaryList
        rows={[
          ["Evidence accepted", plural(p.evidenceAccepted, "item", "items")],
          ["Competencies signed off", String(p.signOffs)],
          ["Self-assessment ratings made", String(p.ratings)],
          ["Training completed", plural(p.trainingDone, "course", "courses")],
          ["Supervision meetings (confirmed)", `${p.meetings} of ${p.meetingsExpected} expected`],
          ["Development goals achieved", String(p.goalsAchieved)],
          ["CPD", `${p.cpdHours} ${p.cpdHours === 1 ? "hour" : "hours"}`],
        ]}
      />
      {p.cpdByType.length ? (
        <Table caption="CPD hours by type" testId="prepared-cpd">
          <TableHead columns={["Type", { numeric: "Activities" }, { numeric: "Hours" }]} />
          <TableBody>
            {p.cpdByType.map((c) => (
              <tr key={c.type}>
                <td>{c.label}</td>
                <NumericCell>{c.entries}</NumericCell>
                <NumericCell>{c.hours}</NumericCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Heading level={3}>Required training to do now</Heading>
      {p.trainingDue.length ? (
        <PlainList>
          {p.trainingDue.map((t) => (
            <li key={t.title}>
              {t.title}: {t.state}
              {t.expiresOn ? ` (expires ${formatDate(t.expiresOn)})` : ""}
            </li>
          ))}
        </PlainList>
      ) : (
        <p>All required training is in date.</p>
      )}
      {pdfPeriod ? (
        <p>
          <a href={`/people/${personId}/export.pdf?period=${encodeURIComponent(pdfPeriod)}`} download>
            Download the {pdfPeriod} PDF portfolio
          </a>
        </p>
      ) : null}
    </section>
  );
}
