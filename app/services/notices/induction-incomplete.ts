/** An induction checklist not finished in the week before it is due, and again once it is overdue (ADR 0020). */
import { formatDate } from "~/domain/format";
import { inductionStatus } from "~/domain/induction";
import { whose } from "~/domain/notices";
import { unfinishedChecklistsOf } from "~/models/induction.server";
import { staffOf, tell, type NoticeFinder } from "./team";

export const inductionIncomplete: NoticeFinder = async ({ db, team, today }) => {
  const staff = new Map(staffOf(team).map((person) => [person.id, person]));
  const checklists = await unfinishedChecklistsOf(db, [...staff.keys()]);
  return checklists.flatMap((checklist) => {
    const person = staff.get(checklist.personId)!;
    const state = inductionStatus(checklist, today);
    if (state !== "due-soon" && state !== "overdue") return [];
    const due = formatDate(checklist.dueOn);
    const left = `${checklist.total - checklist.done} of ${checklist.total} items left`;
    return tell(
      team,
      {
        kind: "induction-incomplete",
        subjectId: person.id,
        itemKey: `induction:${checklist.id}:${checklist.dueOn}`,
        threshold: state,
        link: `/people/${person.id}/induction`,
        title: (audience) =>
          `${whose(audience, person.name)} induction ${state === "overdue" ? `was due by ${due}` : `is due by ${due}`}: ${left}`,
      },
      { own: true },
    );
  });
};
