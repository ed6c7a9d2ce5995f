/** Development goals still open after their target date: the person, their supervisors and their leads are told. */
import { formatDate } from "~/domain/format";
import { goalDue } from "~/domain/goal-workflow";
import { whose } from "~/domain/notices";
import { goalsDueOrOverdue } from "~/models/goals.server";
import { everyPage, staffOf, tell, type NoticeFinder } from "./team";

export const goalsOverdue: NoticeFinder = async ({ db, team, today }) => {
  const staffIds = staffOf(team).map((s) => s.id);
  const goals = await everyPage(async (page) => (await goalsDueOrOverdue(db, staffIds, today, page)).goals);
  return goals
    .filter((goal) => goalDue(goal, today) === "overdue")
    .flatMap((goal) =>
      tell(
        team,
        {
          kind: "goal-overdue",
          subjectId: goal.personId,
          // A new target date (a goal changed or carried forward) is a new item.
          itemKey: `goal:${goal.id}:${goal.targetDate}`,
          threshold: "overdue",
          link: `/people/${goal.personId}/development-plan/${goal.id}`,
          title: (audience) =>
            `${whose(audience, goal.name)} development goal “${goal.title}” is overdue: it was due by ${formatDate(goal.targetDate)}`,
        },
        { own: true },
      ),
    );
};
