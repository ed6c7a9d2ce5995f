/**
 * What the notification finders read, one PCN at a time so a national run never holds more than one PCN's people
 * (ADR 0015). Every query is an index range: users by PCN, records by person.
 */
import type { AppRole } from "~/domain/permissions";
import type { Executor } from "./audit.server";
import { lastSubmittedAt } from "./evidence.server";

export { supervisionFactsOf, trainingFactsByPerson } from "./standing-facts.server";

/** PCN ids after `afterId`, in order, a page at a time. */
export async function pcnIdsAfter(db: Executor, afterId: number, size: number): Promise<number[]> {
  const rows = await db.selectFrom("pcns").select("id").where("id", ">", afterId).orderBy("id").limit(size).execute();
  return rows.map((r) => r.id);
}

export interface TeamMember {
  id: number;
  name: string;
  jobRole: string | null;
  roles: AppRole[];
}

/** The PCN's active people with their app roles, and who designatedly supervises whom today. */
export async function pcnTeam(db: Executor, pcnId: number, today: string) {
  const people = await db
    .selectFrom("users")
    .select(["id", "name", "job_role as jobRole"])
    .where("pcn_id", "=", pcnId)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
  const ids = people.map((p) => p.id);
  const roles = ids.length
    ? await db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", ids).execute()
    : [];
  const arrangements = ids.length
    ? await db
        .selectFrom("supervision_arrangements")
        .select(["staff_id", "person_id"])
        .where("staff_id", "in", ids)
        .where("kind", "=", "supervisor")
        .where("ended_on", "is", null)
        .where("started_on", "<=", today)
        .execute()
    : [];
  const members = new Map<number, TeamMember>(people.map((p) => [p.id, { ...p, roles: [] }]));
  for (const r of roles) members.get(r.user_id)?.roles.push(r.role);
  const supervisorsOf = new Map<number, number[]>();
  for (const a of arrangements) supervisorsOf.set(a.staff_id, [...(supervisorsOf.get(a.staff_id) ?? []), a.person_id]);
  return { pcnId, members, supervisorsOf };
}

/** Meetings these people recorded that still wait for their supervisor to confirm or dispute them. */
export async function meetingsAwaitingConfirmationOf(db: Executor, staffIds: readonly number[]) {
  if (staffIds.length === 0) return [];
  return db
    .selectFrom("supervision_meetings")
    .select(["id", "staff_id as staffId", "supervisor_id as supervisorId", "met_on as metOn"])
    .where("staff_id", "in", [...staffIds])
    .where("status", "=", "pending")
    .orderBy("id")
    .execute();
}

/** Evidence of these people submitted for review on or before `submittedBy` (an ISO instant) and not yet reviewed. */
export async function evidenceWaitingSince(db: Executor, ownerIds: readonly number[], submittedBy: string) {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom("evidence_items as e")
    .innerJoin("evidence_versions as v", (j) =>
      j.onRef("v.evidence_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.id", "e.owner_id as ownerId", "e.current_version as version", "v.title"])
    .select(lastSubmittedAt)
    .where("e.owner_id", "in", [...ownerIds])
    .where("e.status", "=", "submitted")
    .orderBy("e.id")
    .execute();
  return rows.flatMap((r) =>
    r.submittedAt && r.submittedAt <= submittedBy ? [{ ...r, submittedAt: r.submittedAt }] : [],
  );
}
