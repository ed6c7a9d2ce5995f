import { nowIso } from "~/utils/time.server";
import { type Executor, writeAudit } from "./audit.server";
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

export async function getPcn(db: Executor, id: number) {
  return db.selectFrom("pcns").select(["id", "name", "ods_code as odsCode", "ics_name as icsName"]).where("id", "=", id).executeTakeFirst();
}

export async function odsCodeTaken(db: Executor, odsCode: string): Promise<boolean> {
  return (await db.selectFrom("pcns").select("id").where("ods_code", "=", odsCode.toUpperCase()).executeTakeFirst()) !== undefined;
}

export async function createPcn(db: Executor, input: PcnInput, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("pcns")
      .values({ name: input.name, ods_code: input.odsCode.toUpperCase(), ics_name: input.icsName, created_at: nowIso() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: actor.id, pcnId: id, entity: "pcn", entityId: id, action: "create", after: input, ip: actor.ip });
    return id;
  });
}
