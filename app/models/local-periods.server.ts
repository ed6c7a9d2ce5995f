/**
 * Local refresher periods: a PCN's own renewal period for a piece of training, set by its lead with a reason, in
 * place of the content's. The period reaches the rules with each training record (localRenewalMonths in
 * standing-facts.server.ts), so expiry, readiness, the rollups and notices follow it for that PCN's staff only.
 */
import type { Executor } from "./audit.server";
import { writeAudit } from "./audit.server";
import { refreshStandings } from "./rollups.server";
import type { Actor } from "./user.server";
import { nowIso } from "~/lib/time.server";

export interface LocalPeriodInput {
  requirementId: string;
  renewalMonths: number;
  reason: string;
}

/** The PCN's local periods, with who set each and when. */
export async function listLocalPeriods(db: Executor, pcnId: number) {
  return db
    .selectFrom("local_periods as lp")
    .leftJoin("users as u", "u.id", "lp.set_by")
    .select([
      "lp.requirement_id as requirementId",
      "lp.renewal_months as renewalMonths",
      "lp.reason",
      "lp.set_at as setAt",
      "u.name as setByName",
    ])
    .where("lp.pcn_id", "=", pcnId)
    .orderBy("lp.requirement_id")
    .execute();
}

export type LocalPeriod = Awaited<ReturnType<typeof listLocalPeriods>>[number];

const snapshot = (pcnId: number, p: LocalPeriodInput) => ({
  pcnId,
  requirementId: p.requirementId,
  renewalMonths: p.renewalMonths,
  reason: p.reason,
});

async function currentPeriod(trx: Executor, pcnId: number, requirementId: string) {
  return trx
    .selectFrom("local_periods")
    .select(["requirement_id as requirementId", "renewal_months as renewalMonths", "reason"])
    .where("pcn_id", "=", pcnId)
    .where("requirement_id", "=", requirementId)
    .executeTakeFirst();
}

/** Whose standing a change of this PCN's period for this training can change: its staff with a record of it. */
async function refreshHoldersOf(trx: Executor, pcnId: number, requirementId: string): Promise<void> {
  const holders = await trx
    .selectFrom("training_records as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select("t.user_id")
    .distinct()
    .where("u.pcn_id", "=", pcnId)
    .where("t.requirement_id", "=", requirementId)
    .execute();
  await refreshStandings(
    trx,
    holders.map((h) => h.user_id),
  );
}

/** Sets (or changes) the PCN's period for one piece of training, audited, with its staff's standings refreshed. */
export async function setLocalPeriod(db: Executor, pcnId: number, input: LocalPeriodInput, actor: Actor) {
  await db.transaction().execute(async (trx) => {
    const before = await currentPeriod(trx, pcnId, input.requirementId);
    const row = {
      renewal_months: input.renewalMonths,
      reason: input.reason,
      set_by: actor.id,
      set_at: nowIso(),
    };
    await trx
      .insertInto("local_periods")
      .values({ pcn_id: pcnId, requirement_id: input.requirementId, ...row })
      .onConflict((oc) => oc.columns(["pcn_id", "requirement_id"]).doUpdateSet(row))
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId,
      entity: "local_period",
      entityId: `${pcnId}:${input.requirementId}`,
      action: "set",
      before: before ? snapshot(pcnId, before) : undefined,
      after: snapshot(pcnId, input),
      ip: actor.ip,
    });
    await refreshHoldersOf(trx, pcnId, input.requirementId);
  });
}

/**
 * Removes the PCN's period for one piece of training, so the content's applies again. False when the PCN had none
 * (removed meanwhile, say), and then nothing changes.
 */
export async function removeLocalPeriod(
  db: Executor,
  pcnId: number,
  requirementId: string,
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await currentPeriod(trx, pcnId, requirementId);
    if (!before) return false;
    await trx
      .deleteFrom("local_periods")
      .where("pcn_id", "=", pcnId)
      .where("requirement_id", "=", requirementId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId,
      entity: "local_period",
      entityId: `${pcnId}:${requirementId}`,
      action: "remove",
      before: snapshot(pcnId, before),
      ip: actor.ip,
    });
    await refreshHoldersOf(trx, pcnId, requirementId);
    return true;
  });
}
