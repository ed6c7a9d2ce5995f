/** Supervision meetings a member of staff recorded that their supervisor has not yet confirmed or disputed. */
import { formatDate } from "~/domain/format";
import { meetingsAwaitingConfirmationOf } from "~/models/notice-facts.server";
import { staffOf, tell, type NoticeFinder } from "./team";

export const meetingsUnconfirmed: NoticeFinder = async ({ db, team }) => {
  const meetings = await meetingsAwaitingConfirmationOf(
    db,
    staffOf(team).map((s) => s.id),
  );
  return meetings.flatMap((meeting) => {
    const name = team.members.get(meeting.staffId)?.name ?? "";
    return tell(
      team,
      {
        kind: "meeting-unconfirmed",
        subjectId: meeting.staffId,
        itemKey: `meeting:${meeting.id}`,
        threshold: "awaiting",
        link: `/people/${meeting.staffId}/supervision/${meeting.id}`,
        title: () => `${name} recorded a supervision meeting on ${formatDate(meeting.metOn)} that needs confirming`,
      },
      // The supervisor the meeting names confirms it; a lead of the PCN may too.
      { own: false, supervisors: [meeting.supervisorId] },
    );
  });
};
