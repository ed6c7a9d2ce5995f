/** Evidence waiting for review for longer than NOTIFY_REVIEW_WAIT_DAYS, for the owner's supervisors to review. */
import { formatDate } from "~/domain/format";
import { evidenceWaitingSince } from "~/models/notice-facts.server";
import { staffOf, tell, type NoticeFinder } from "./team";

export const evidenceWaiting: NoticeFinder = async ({ db, team, reviewWaitedSince }) => {
  const waiting = await evidenceWaitingSince(
    db,
    staffOf(team).map((s) => s.id),
    reviewWaitedSince,
  );
  return waiting.flatMap((evidence) => {
    const name = team.members.get(evidence.ownerId)?.name ?? "";
    return tell(
      team,
      {
        kind: "evidence-waiting",
        subjectId: evidence.ownerId,
        // Each version submitted is its own wait.
        itemKey: `evidence:${evidence.id}:${evidence.version}`,
        threshold: "waiting",
        link: `/evidence/${evidence.id}`,
        title: () =>
          `${name}’s evidence “${evidence.title}” has waited for review since ${formatDate(evidence.submittedAt)}`,
      },
      { own: false },
    );
  });
};
