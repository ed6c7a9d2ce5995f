/** Supervision due within the week or overdue, by the supervision policy's cadence (confirmed meetings only). */
import { supervisionStatusOf } from "~/content/compliance-rules.server";
import { formatDate } from "~/domain/format";
import { whose } from "~/domain/notices";
import { supervisionFactsOf } from "~/models/notice-facts.server";
import { staffOf, tell, type NoticeFinder } from "./team";

export const supervisionDue: NoticeFinder = async ({ db, team, today }) => {
  const staff = staffOf(team);
  const facts = await supervisionFactsOf(
    db,
    staff.map((s) => s.id),
  );
  return staff.flatMap((person) => {
    const personFacts = facts.get(person.id);
    if (!personFacts) return [];
    const { state, dueOn } = supervisionStatusOf(personFacts, today);
    if (state !== "due-soon" && state !== "overdue") return [];
    const due = formatDate(dueOn);
    return tell(
      team,
      {
        kind: "supervision-due",
        subjectId: person.id,
        itemKey: `supervision:${person.id}:${dueOn}`,
        threshold: state,
        link: `/people/${person.id}/supervision`,
        title: (audience) =>
          `${whose(audience, person.name)} supervision ${state === "overdue" ? `is overdue: it was due by ${due}` : `is due by ${due}`}`,
      },
      { own: true },
    );
  });
};
