import { Link } from "~/components/kit/Link";
import { Card, CardText } from "~/components/kit/Card";
import { PlainList } from "~/components/kit/Text";
import { formatInstantDate } from "~/domain/format";
import { GOAL_STATUS_LABELS, type GoalStatus } from "~/domain/vocabulary";

const more = (total: number, shown: number) => (total > shown ? <CardText>And {total - shown} more.</CardText> : null);

/** For a supervisor's home page: ratings waiting for them to confirm and goals waiting to be agreed. */
export function AwaitingSupervisorPanels({
  ratings,
  goals,
}: {
  ratings: {
    total: number;
    ratings: { id: number; personId: number; name: string; competency: string; ratedAt: string }[];
  };
  goals: { total: number; goals: { id: number; personId: number; name: string; title: string }[] };
}) {
  return (
    <>
      {ratings.total ? (
        <Card
          heading={`${ratings.total} ${ratings.total === 1 ? "rating" : "ratings"} to confirm`}
          testId="ratings-to-confirm"
        >
          <PlainList>
            {ratings.ratings.map((r) => (
              <li key={r.id}>
                <Link to={`/people/${r.personId}/self-assessment/${r.id}`}>
                  {r.name}: {r.competency}
                </Link>{" "}
                (rated {formatInstantDate(r.ratedAt)})
              </li>
            ))}
          </PlainList>
          {more(ratings.total, ratings.ratings.length)}
        </Card>
      ) : null}
      {goals.total ? (
        <Card
          heading={`${goals.total} development ${goals.total === 1 ? "goal" : "goals"} to agree`}
          testId="goals-to-agree"
        >
          <PlainList>
            {goals.goals.map((g) => (
              <li key={g.id}>
                <Link to={`/people/${g.personId}/development-plan/${g.id}`}>
                  {g.name}: {g.title}
                </Link>
              </li>
            ))}
          </PlainList>
          {more(goals.total, goals.goals.length)}
        </Card>
      ) : null}
    </>
  );
}

const SHOWN: GoalStatus[] = ["not-started", "in-progress", "achieved", "carried-forward", "dropped"];

/** For a member of staff's home page: this year's plan in a line, with links to it and to the self-assessment. */
export function OwnDevelopmentPanel({
  personId,
  year,
  counts,
}: {
  personId: number;
  year: string;
  counts: Partial<Record<GoalStatus, number>>;
}) {
  const parts = SHOWN.filter((s) => counts[s]).map((s) => `${GOAL_STATUS_LABELS[s]}: ${counts[s]}`);
  return (
    <Card heading="Your development" testId="own-development">
      <CardText>
        {parts.length ? `Goals in your ${year} plan. ${parts.join(", ")}.` : `Your ${year} plan has no goals yet.`}
      </CardText>
      <PlainList>
        <li>
          <Link to={`/people/${personId}/development-plan`}>Your development plan</Link>
        </li>
        <li>
          <Link to={`/people/${personId}/self-assessment`}>Your self-assessment</Link>
        </li>
      </PlainList>
    </Card>
  );
}
