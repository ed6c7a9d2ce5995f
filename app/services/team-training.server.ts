/**
 * Recording one team training session for everyone who attended (ADR 0016): the lead's PCN's staff, never the lead,
 * each record written and audited through the training model, all in one transaction.
 */
import { getContent } from "~/content/index.server";
import { canRecordTrainingFor } from "~/domain/permissions";
import { getDb } from "~/lib/db.server";
import { standingStaff } from "~/models/dashboard.server";
import { createTrainingRecords } from "~/models/training.server";
import type { Actor } from "~/models/user.server";
import type { CurrentUser } from "./auth.server";

/** Who a lead may record a session for: the active staff of their PCN, by name, themself left out. */
export async function sessionAttendees(user: CurrentUser & { viewer: { pcnId: number } }) {
  const staff = await standingStaff(getDb(), (eb) => eb("pcn_id", "=", user.viewer.pcnId));
  return staff.filter((person) => canRecordTrainingFor(user.viewer, person));
}

export interface TeamSession {
  requirementId: string;
  completedOn: string;
  provider: string | null;
  personIds: readonly number[];
}

/** Records the session for each attendee; every id must be one sessionAttendees listed (the form checks it). */
export async function recordTeamSession(
  user: CurrentUser & { viewer: { pcnId: number } },
  actor: Actor,
  session: TeamSession,
): Promise<number> {
  const attendees = (await sessionAttendees(user)).filter((p) => session.personIds.includes(p.id));
  await createTrainingRecords(
    getDb(),
    attendees,
    {
      requirementId: session.requirementId,
      status: "completed",
      completedOn: session.completedOn,
      provider: session.provider,
      attachmentId: null,
    },
    getContent().trainingRequirements.version,
    { ...actor, id: user.viewer.id },
  );
  return attendees.length;
}
