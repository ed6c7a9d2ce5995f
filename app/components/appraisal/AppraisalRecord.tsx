import { Link } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import { PlainList } from "~/components/kit/Text";
import { SummaryList } from "~/components/SummaryList";
import { formatDate, formatDateTime } from "~/domain/format";
import type { AppraisalStatus, GoalStatus } from "~/domain/vocabulary";

interface Props {
  personId: number;
  personName: string;
  appraisal: {
    status: AppraisalStatus;
    heldOn: string;
    appraiserName: string;
    periodStart: string;
    periodEnd: string;
    periodLabel: string | null;
    summary: string;
    version: number;
    objectives: { title: string; targetDate: string }[];
    appraiserConfirmedAt: string | null;
    personConfirmedAt: string | null;
    goals: { id: number; title: string; status: GoalStatus }[];
  };
}

/** An appraisal as recorded: date, appraiser, period, summary, objectives (and the goals they became), confirmations. */
export function AppraisalRecord({ personId, personName, appraisal: a }: Props) {
  const period = `${formatDate(a.periodStart)} to ${formatDate(a.periodEnd)}`;
  return (
    <SummaryList
      rows={[
        ["Status", <StateTag kind="appraisal" state={a.status} key="status" />],
        ["Date", formatDate(a.heldOn)],
        ["Appraiser", a.appraiserName],
        ["Period", a.periodLabel ? `${a.periodLabel} (${period})` : period],
        [
          "Summary",
          <span className="app-prewrap" key="summary">
            {a.summary}
          </span>,
        ],
        [
          "Objectives agreed",
          a.objectives.length ? (
            <PlainList key="objectives">
              {a.objectives.map((o, i) => (
                <li key={i}>
                  {o.title}, by {formatDate(o.targetDate)}
                </li>
              ))}
            </PlainList>
          ) : (
            "None"
          ),
        ],
        ...(a.goals.length
          ? [
              [
                "In the development plan",
                <PlainList key="goals">
                  {a.goals.map((g) => (
                    <li key={g.id}>
                      <Link to={`/people/${personId}/development-plan/${g.id}`}>{g.title}</Link>
                    </li>
                  ))}
                </PlainList>,
              ] as [string, React.ReactNode],
            ]
          : []),
        [
          "Confirmed by the appraiser",
          a.appraiserConfirmedAt ? `${a.appraiserName}, ${formatDateTime(a.appraiserConfirmedAt)}` : "Not yet",
        ],
        [`Confirmed by ${personName}`, a.personConfirmedAt ? formatDateTime(a.personConfirmedAt) : "Not yet"],
        ["Version", String(a.version)],
      ]}
    />
  );
}
