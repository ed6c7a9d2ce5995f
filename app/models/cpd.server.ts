import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";
import { refreshStanding } from "./rollups.server";

export { cpdHoursBetween } from "./standing-facts.server";

export interface CpdInput {
  activity: string;
  activityDate: string;
  hours: number;
  type: string;
  provider: string | null;
  reflection: string;
  competencyIds: string[];
}

interface Owner {
  id: number;
  pcnId: number | null;
}

async function linkCompetencies(trx: Executor, cpdId: number, competencyIds: readonly string[]) {
  await trx.deleteFrom("cpd_entry_competencies").where("cpd_id", "=", cpdId).execute();
  if (competencyIds.length) {
    await trx
      .insertInto("cpd_entry_competencies")
      .values(competencyIds.map((c) => ({ cpd_id: cpdId, competency_id: c })))
      .execute();
  }
}

const columns = (input: CpdInput) => ({
  activity: input.activity,
  activity_date: input.activityDate,
  hours: input.hours,
  type: input.type,
  provider: input.provider,
  reflection: input.reflection,
});

export async function createCpdEntry(
  db: Executor,
  owner: Owner,
  input: CpdInput,
  frameworkVersion: string,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const { id } = await trx
      .insertInto("cpd_entries")
      .values({
        user_id: owner.id,
        ...columns(input),
        framework_version: frameworkVersion,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await linkCompetencies(trx, id, input.competencyIds);
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "cpd",
      entityId: id,
      action: "create",
      after: { userId: owner.id, ...input },
      ip: actor.ip,
    });
    await refreshStanding(trx, owner.id);
    return id;
  });
}

/** One of this person's entries with its linked competencies; another person's entry id finds nothing. */
export async function getCpdEntry(db: Executor, userId: number, id: number) {
  const entry = await db
    .selectFrom("cpd_entries")
    .select([
      "id",
      "activity",
      "activity_date as activityDate",
      "hours",
      "type",
      "provider",
      "reflection",
      "framework_version as frameworkVersion",
      "updated_at as updatedAt",
    ])
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!entry) return null;
  const links = await db
    .selectFrom("cpd_entry_competencies")
    .select("competency_id")
    .where("cpd_id", "=", id)
    .orderBy("competency_id")
    .execute();
  return { ...entry, competencyIds: links.map((l) => l.competency_id) };
}
export type CpdEntry = NonNullable<Awaited<ReturnType<typeof getCpdEntry>>>;

export async function updateCpdEntry(
  db: Executor,
  owner: Owner,
  id: number,
  input: CpdInput,
  frameworkVersion: string,
  actor: Actor,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await getCpdEntry(trx, owner.id, id);
    if (!before) return false;
    await trx
      .updateTable("cpd_entries")
      .set({ ...columns(input), framework_version: frameworkVersion, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await linkCompetencies(trx, id, input.competencyIds);
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "cpd",
      entityId: id,
      action: "update",
      before,
      after: input,
      ip: actor.ip,
    });
    await refreshStanding(trx, owner.id);
    return true;
  });
}

export async function deleteCpdEntry(db: Executor, owner: Owner, id: number, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await getCpdEntry(trx, owner.id, id);
    if (!before) return false;
    await trx.deleteFrom("cpd_entry_competencies").where("cpd_id", "=", id).execute();
    await trx.deleteFrom("cpd_entries").where("id", "=", id).execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: owner.pcnId,
      entity: "cpd",
      entityId: id,
      action: "delete",
      before,
      ip: actor.ip,
    });
    await refreshStanding(trx, owner.id);
    return true;
  });
}

export interface DateRange {
  from: string;
  to: string;
}

/** A page of entries, newest first, optionally within a date range (inclusive). */
export async function listCpdEntries(
  db: Executor,
  userId: number,
  filter: { range?: DateRange; page: number; pageSize: number },
) {
  let q = db.selectFrom("cpd_entries").where("user_id", "=", userId);
  if (filter.range) q = q.where("activity_date", ">=", filter.range.from).where("activity_date", "<=", filter.range.to);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const entries = await q
    .select(["id", "activity", "activity_date as activityDate", "hours", "type", "provider"])
    .orderBy("activity_date", "desc")
    .orderBy("id", "desc")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { entries, total: Number(n) };
}

/** Date, type and hours of every entry, for totals by type and appraisal year. */
export async function cpdHoursLog(db: Executor, userId: number) {
  return db
    .selectFrom("cpd_entries")
    .select(["activity_date as activityDate", "type", "hours"])
    .where("user_id", "=", userId)
    .orderBy("activity_date")
    .execute();
}
