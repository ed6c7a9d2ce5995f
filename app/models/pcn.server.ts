import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { lockRollups, rebuildTotals } from "./scope-figures.server";
import type { Actor } from "./user.server";

export interface PcnInput {
  name: string;
  odsCode: string;
  icsName: string | null;
}

export async function listPcns(db: Executor) {
  return db
    .selectFrom("pcns")
    .leftJoin("users", (join) => join.onRef("users.pcn_id", "=", "pcns.id").on("users.active", "=", 1))
    .select(["pcns.id", "pcns.name", "pcns.ods_code as odsCode", "pcns.ics_name as icsName"])
    .select((eb) => eb.fn.count<number>("users.id").as("people"))
    .groupBy("pcns.id")
    .orderBy("pcns.name")
    .execute();
}

/** Every PCN's id and name, by name: the choices of a PCN filter; given an ICS (null: none), only its PCNs. */
export async function listPcnNames(db: Executor, icsName?: string | null) {
  let query = db.selectFrom("pcns").select(["id", "name"]).orderBy("name");
  if (icsName !== undefined) query = query.where("ics_name", icsName === null ? "is" : "=", icsName);
  return query.execute();
}

/** The integrated care systems (ICSs) the PCNs belong to, by name. */
export async function listIcsNames(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom("pcns")
    .select("ics_name")
    .distinct()
    .where("ics_name", "is not", null)
    .orderBy("ics_name")
    .execute();
  return rows.map((r) => r.ics_name!);
}

export async function getPcn(db: Executor, id: number) {
  return db
    .selectFrom("pcns")
    .select(["id", "name", "ods_code as odsCode", "ics_name as icsName"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function odsCodeTaken(db: Executor, odsCode: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("pcns").select("id").where("ods_code", "=", odsCode.toUpperCase());
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createPcn(db: Executor, input: PcnInput, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("pcns")
      .values({
        name: input.name,
        ods_code: input.odsCode.toUpperCase(),
        ics_name: input.icsName,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: id,
      entity: "pcn",
      entityId: id,
      action: "create",
      after: input,
      ip: actor.ip,
    });
    return id;
  });
}

/** Changes a PCN's name, ODS code or ICS; the audit trail keeps what it was. */
export async function updatePcn(db: Executor, id: number, input: PcnInput, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The rollups lock before this row's: the change below locks a key of the row that storing a standing checks,
    // so taking them the other way round would deadlock with a catch-up holding the lock (ADR 0013).
    await lockRollups(trx);
    const before = await getPcn(trx, id);
    if (!before) throw new Error(`PCN ${id} not found`);
    const after = { name: input.name, odsCode: input.odsCode.toUpperCase(), icsName: input.icsName };
    await trx
      .updateTable("pcns")
      .set({ name: after.name, ods_code: after.odsCode, ics_name: after.icsName })
      .where("id", "=", id)
      .execute();
    // The PCN's figures leave its old ICS's totals and join its new one's.
    if (before.icsName !== after.icsName)
      await rebuildTotals(
        trx,
        [before.icsName, after.icsName].filter((name): name is string => name !== null),
      );
    const { id: _, ...was } = before;
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: id,
      entity: "pcn",
      entityId: id,
      action: "update",
      before: was,
      after,
      ip: actor.ip,
    });
  });
}
