import { Link } from "~/components/kit/Link";
import { StateTag } from "~/components/kit/Tag";
import { PlainList } from "~/components/kit/Text";
import { SummaryList } from "~/components/SummaryList";
import { formatDate, formatDateTime } from "~/domain/format";
import { GOAL_METHODS, type GoalMethod, type GoalStatus } from "~/domain/vocabulary";

interface Props {
  personId: number;
  goal: {
    reason: string;
    competencies: string[];
    methods: GoalMethod[];
    trainingTitle: string | null;
    howDetails: string | null;
    targetDate: string;
    status: GoalStatus;
    statusReason: string | null;
    agreedAt: string | null;
    agreedByName: string | null;
    carriedFromId: number | null;
    carriedToId: number | null;
  };
}

/** What a goal is, why, how and by when, its status and who agreed it. */
export function GoalDetails({ personId, goal }: Props) {
  const link = (id: number, words: string) => <Link to={`/people/${personId}/development-plan/${id}`}>{words}</Link>;
  return (
    <SummaryList
      rows={[
        ["Status", <StateTag kind="goal" state={goal.status} key="status" />],
        ...(goal.statusReason
          ? [
              [
                "Reason",
                <span className="app-prewrap" key="reason">
                  {goal.statusReason}
                </span>,
              ] as [string, React.ReactNode],
            ]
          : []),
        ["Target date", formatDate(goal.targetDate)],
        [
          "Why it matters",
          <span className="app-prewrap" key="why">
            {goal.reason}
          </span>,
        ],
        [
          "Competencies",
          goal.competencies.length ? (
            <PlainList key="competencies">
              {goal.competencies.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </PlainList>
          ) : (
            "None linked"
          ),
        ],
        [
          "How",
          <PlainList key="how">
            {goal.methods.map((m) => (
              <li key={m}>
                {m === "training" && goal.trainingTitle ? `${GOAL_METHODS[m]}: ${goal.trainingTitle}` : GOAL_METHODS[m]}
              </li>
            ))}
          </PlainList>,
        ],
        ...(goal.howDetails
          ? [
              [
                "More about how",
                <span className="app-prewrap" key="how-details">
                  {goal.howDetails}
                </span>,
              ] as [string, React.ReactNode],
            ]
          : []),
        [
          "Agreed by supervisor",
          goal.agreedAt ? `${goal.agreedByName ?? "Supervisor"}, ${formatDateTime(goal.agreedAt)}` : "Not yet",
        ],
        ...(goal.carriedFromId
          ? [["Carried forward from", link(goal.carriedFromId, "last year's goal")] as [string, React.ReactNode]]
          : []),
        ...(goal.carriedToId
          ? [["Carried forward to", link(goal.carriedToId, "this year's goal")] as [string, React.ReactNode]]
          : []),
      ]}
    />
  );
}
