/** Self-assessment ratings waiting for confirmation longer than NOTIFY_REVIEW_WAIT_DAYS, for the supervisors. */
import { competencyTitles } from "~/content/framework.server";
import { formatInstantDate } from "~/domain/format";
import { ratingsAwaitingSupervisor } from "~/models/ratings.server";
import { everyPage, staffOf, tell, type NoticeFinder } from "./team";

export const ratingsWaiting: NoticeFinder = async ({ db, team, reviewWaitedSince }) => {
  const staffIds = staffOf(team).map((s) => s.id);
  const ratings = await everyPage(async (page) => (await ratingsAwaitingSupervisor(db, staffIds, page)).ratings);
  const titles = competencyTitles();
  return ratings.flatMap((rating) => {
    const { requestedAt } = rating;
    if (!requestedAt || requestedAt > reviewWaitedSince) return [];
    return tell(
      team,
      {
        kind: "rating-waiting",
        subjectId: rating.personId,
        // Asked again after being returned: a new wait.
        itemKey: `rating:${rating.id}:${requestedAt}`,
        threshold: "waiting",
        link: `/people/${rating.personId}/self-assessment/${rating.id}`,
        title: () =>
          `${rating.name}’s self-assessment of “${titles[rating.competencyId] ?? "a competency"}” has waited for confirmation since ${formatInstantDate(requestedAt)}`,
      },
      { own: false },
    );
  });
};
