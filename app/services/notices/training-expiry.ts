/** Required training expiring within 90, 60, 30 or 7 days, or expired: by the same rules as the training pages. */
import { requirementStandings } from "~/content/compliance-rules.server";
import { trainingThreshold, trainingTitle, whose } from "~/domain/notices";
import { daysBetween } from "~/domain/training-status";
import { trainingFactsByPerson } from "~/models/notice-facts.server";
import { staffOf, tell, type NoticeFinder } from "./team";

export const trainingExpiry: NoticeFinder = async ({ db, team, today }) => {
  const staff = staffOf(team);
  const records = await trainingFactsByPerson(
    db,
    staff.map((s) => s.id),
  );
  return staff.flatMap((person) =>
    requirementStandings(person.jobRole, records.get(person.id) ?? [], today).flatMap((standing) => {
      if (!standing.required || !standing.expiresOn || !["valid", "expiring-soon", "expired"].includes(standing.state))
        return [];
      const expiresOn = standing.expiresOn;
      const daysLeft = daysBetween(today, expiresOn);
      const threshold = trainingThreshold(daysLeft);
      if (threshold === null) return [];
      return tell(
        team,
        {
          kind: "training-expiry",
          subjectId: person.id,
          // The expiry date is part of the item: renewed training that later nears expiry again is a new item.
          itemKey: `training:${person.id}:${standing.requirement.id}:${expiresOn}`,
          threshold,
          link: `/people/${person.id}/training`,
          title: (audience) =>
            trainingTitle(whose(audience, person.name), standing.requirement.title, expiresOn, daysLeft),
        },
        { own: true },
      );
    }),
  );
};
