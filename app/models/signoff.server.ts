import { lockForUpdate } from "../../db/dialect";
import { canSignOff } from "~/domain/evidence-workflow";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { competencyEvidence } from "./evidence.server";
import { refreshStanding } from "./rollups.server";
import type { Actor } from "./user.server";

export interface SignoffState {
  status: "signed-off" | "withdrawn";
  at: string;
  comment: string;
  actorName: string;
  frameworkVersion: string;
}

/** What a sign-off decision left the competency as. */
export const decisionStatus = (action: string): SignoffState["status"] =>
  action === "sign-off" ? "signed-off" : "withdrawn";

/** The latest sign-off decision per competency for one person (rows are append-only, so latest wins). */
export async function latestSignoffs(db: Executor, userId: number): Promise<Map<string, SignoffState>> {
  const rows = await db
    .selectFrom("competency_signoffs as s")
    .innerJoin("users as u", "u.id", "s.actor_id")
    .select(["s.competency_id", "s.action", "s.at", "s.comment", "s.framework_version", "u.name"])
    .where("s.user_id", "=", userId)
    .orderBy("s.id")
    .execute();
  const map = new Map<string, SignoffState>();
  for (const r of rows) {
    map.set(r.competency_id, {
      status: decisionStatus(r.action),
      at: r.at,
      comment: r.comment,
      actorName: r.name,
      frameworkVersion: r.framework_version,
    });
  }
  return map;
}

export async function signoffHistory(db: Executor, userId: number, competencyId: string) {
  return db
    .selectFrom("competency_signoffs as s")
    .innerJoin("users as u", "u.id", "s.actor_id")
    .select(["s.id", "s.action", "s.at", "s.comment", "s.framework_version as frameworkVersion", "u.name as actorName"])
    .where("s.user_id", "=", userId)
    .where("s.competency_id", "=", competencyId)
    .orderBy("s.id", "desc")
    .execute();
}

type SignoffResult = { ok: true } | { ok: false; reason: string };

/**
 * Signs a competency off (needs at least one accepted piece of evidence linked to it) or withdraws a sign-off
 * (needs a current one). Either way a new row is appended; nothing is rewritten.
 */
export async function recordSignoff(
  db: Executor,
  input: {
    userId: number;
    pcnId: number | null;
    competencyId: string;
    action: "sign-off" | "withdraw";
    comment: string;
    frameworkVersion: string;
  },
  actor: Actor & { id: number },
): Promise<SignoffResult> {
  return db.transaction().execute(async (trx) => {
    // Two supervisors at once must not both find it not yet signed off: hold the person's row (PostgreSQL).
    await trx.selectFrom("users").select("id").where("id", "=", input.userId).$call(lockForUpdate).execute();
    const current = (await latestSignoffs(trx, input.userId)).get(input.competencyId);
    if (input.action === "sign-off") {
      if (current?.status === "signed-off") return { ok: false, reason: "This competency is already signed off" };
      const accepted =
        (await competencyEvidence(trx, input.userId, "shared")).get(input.competencyId)?.acceptedCount ?? 0;
      if (!canSignOff(accepted))
        return { ok: false, reason: "Accept at least one piece of evidence for this competency before signing it off" };
    } else if (current?.status !== "signed-off") {
      return { ok: false, reason: "This competency is not signed off, so there is nothing to withdraw" };
    }
    const at = nowIso();
    const { id } = await trx
      .insertInto("competency_signoffs")
      .values({
        user_id: input.userId,
        competency_id: input.competencyId,
        framework_version: input.frameworkVersion,
        action: input.action,
        comment: input.comment,
        actor_id: actor.id,
        at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "competency",
      entityId: `${input.userId}:${input.competencyId}`,
      action: input.action,
      before: current ?? null,
      after: { id, comment: input.comment, frameworkVersion: input.frameworkVersion },
      ip: actor.ip,
    });
    await refreshStanding(trx, input.userId);
    return { ok: true };
  });
}
