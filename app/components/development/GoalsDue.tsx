import { Link } from "~/components/kit/Link";
import { Card, CardText } from "~/components/kit/Card";
import { Tag } from "~/components/kit/Tag";
import { PlainList } from "~/components/kit/Text";
import { formatDate } from "~/domain/format";
import { goalDue } from "~/domain/goal-workflow";
import type { GoalStatus } from "~/domain/vocabulary";

interface DueGoal {
  id: number;
  title: string;
  targetDate: string;
  status: GoalStatus;
  personId: number;
  name: string;
}

/**
 * Open goals that are overdue or due within 30 days, each with its target date; `showNames` for a panel about
 * several people. Shows nothing when none are.
 */
export function GoalsDuePanel({
  goals,
  total,
  today,
  own,
  showNames = false,
}: {
  goals: DueGoal[];
  total: number;
  today: string;
  own: boolean;
  showNames?: boolean;
}) {
  if (!goals.length) return null;
  const overdue = goals.some((g) => goalDue(g, today) === "overdue");
  return (
    <Card
      heading={own ? "Your development goals due soon" : "Development goals due soon"}
      warning={overdue}
      testId="goals-due"
    >
      <PlainList>
        {goals.map((g) => (
          <li key={g.id}>
            {goalDue(g, today) === "overdue" ? <Tag colour="red">Overdue</Tag> : <Tag colour="yellow">Due soon</Tag>}{" "}
            <Link to={`/people/${g.personId}/development-plan/${g.id}`}>{g.title}</Link>
            {showNames ? ` (${g.name})` : null}: due {formatDate(g.targetDate)}
          </li>
        ))}
      </PlainList>
      {total > goals.length ? (
        <CardText>
          And {total - goals.length} more.{" "}
          <Link to={`/people/${goals[0]!.personId}/development-plan`}>See the plan</Link>
        </CardText>
      ) : null}
    </Card>
  );
}
