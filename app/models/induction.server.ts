/**
 * Induction checklists (issue 13 item 4, ADR 0020). A checklist copies the content's items for the person's job role
 * and setting when it is made; ticking and unticking an item change only that row, with the checklist's count of
 * items done and an audit row in the same transaction.
 */
import { lockForUpdate } from "../../db/dialect";
import { getContent } from "~/content/index.server";
import { inductionItemsFor } from "~/domain/induction";
import { RuleError } from "~/domain/rule-error";
import { addCalendarDays, addCalendarMonths } from "~/domain/training-status";
import type { AuditEntity } from "~/domain/vocabulary";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";

/** Whose checklist: the person's id, PCN (for the audit trail) and job role (which items they get). */
export interface InductionOwner {
  id: number;
  pcnId: number | null;
  jobRole: string | null;
}

/** Who acts (null: a set-up script); the same shape as user.server's Actor, which imports this module. */
interface Actor {
  id: number | null;
  ip?: string | null;
}

export class InductionRuleError extends RuleError<"setting" | "items"> {
  override name = "InductionRuleError";
}

const checklistColumns = [
  "id",
  "setting_id as settingId",
  "setting_title as settingTitle",
  "starts_on as startsOn",
  "due_on as dueOn",
  "show_until as showUntil",
  "items_total as total",
  "items_done as done",
] as const;

/** The person's checklist, or undefined when they have none. */
export async function getChecklist(db: Executor, personId: number) {
  return db
    .selectFrom("induction_checklists")
    .select(checklistColumns)
    .where("person_id", "=", personId)
    .executeTakeFirst();
}
export type InductionChecklist = NonNullable<Awaited<ReturnType<typeof getChecklist>>>;

/**
 * Makes the person's checklist for a setting from today's content, starting today. A checklist nobody has ticked
 * anything on yet is replaced (a lead choosing the right setting); one with ticks is kept and the change refused.
 */
export async function makeChecklist(
  trx: Executor,
  owner: InductionOwner,
  settingId: string,
  actor: Actor,
  today: string,
): Promise<number> {
  if (!trx.isTransaction)
    return trx.transaction().execute((inner) => makeChecklist(inner, owner, settingId, actor, today));
  const content = getContent().induction;
  const setting = content.settings.find((s) => s.id === settingId);
  if (!setting) throw new InductionRuleError("setting", "Select a setting from the list");
  const existing = await trx
    .selectFrom("induction_checklists")
    .select(["id", "items_done", "setting_title"])
    .where("person_id", "=", owner.id)
    .$call(lockForUpdate)
    .executeTakeFirst();
  if (existing && existing.items_done > 0)
    throw new InductionRuleError("setting", "Their induction has started, so its setting can no longer be changed");
  if (existing) {
    await trx.deleteFrom("induction_items").where("checklist_id", "=", existing.id).execute();
    await trx.deleteFrom("induction_checklists").where("id", "=", existing.id).execute();
  }
  const items = inductionItemsFor(content.items, owner.jobRole, settingId);
  const { id } = await trx
    .insertInto("induction_checklists")
    .values({
      person_id: owner.id,
      setting_id: setting.id,
      setting_title: setting.title,
      content_version: content.version,
      starts_on: today,
      due_on: addCalendarDays(today, content.dueWithinDays),
      show_until: addCalendarMonths(today, content.showForMonths),
      items_total: items.length,
      items_done: 0,
      created_by: actor.id,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (items.length)
    await trx
      .insertInto("induction_items")
      .values(
        items.map((item, position) => ({
          checklist_id: id,
          position,
          item_key: item.id,
          title: item.title,
          description: item.description,
        })),
      )
      .execute();
  await writeAudit(trx, {
    actorId: actor.id,
    pcnId: owner.pcnId,
    entity: "induction",
    entityId: id,
    action: "create",
    ...(existing ? { before: { userId: owner.id, setting: existing.setting_title } } : {}),
    after: { userId: owner.id, setting: setting.title, items: items.length },
    ip: actor.ip,
  });
  return id;
}

/** The setting a checklist made when someone joins is for: the first the content lists. */
export const defaultInductionSetting = () => getContent().induction.settings[0]!.id;

/** A checklist's items in the content's order, with who ticked each. */
const itemsInOrder = (db: Executor, checklistId: number) =>
  db
    .selectFrom("induction_items as i")
    .leftJoin("users as u", "u.id", "i.done_by")
    .select(["i.id", "i.title", "i.description", "i.done_on as doneOn", "u.name as doneByName"])
    .where("i.checklist_id", "=", checklistId)
    .orderBy("i.position")
    .orderBy("i.id");

/** A page of a checklist's items. */
export async function listInductionItems(db: Executor, checklistId: number, page: { page: number; pageSize: number }) {
  const items = await itemsInOrder(db, checklistId)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items, total: await itemCount(db, checklistId) };
}
export type InductionItemRow = Awaited<ReturnType<typeof listInductionItems>>["items"][number];

async function itemCount(db: Executor, checklistId: number, onlyDone = false) {
  let q = db
    .selectFrom("induction_items")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("checklist_id", "=", checklistId);
  if (onlyDone) q = q.where("done_on", "is not", null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

type Change = { ok: true } | { ok: false; notFound: true };

/** The person's checklist, locked, and those of `itemIds` that are on it. */
async function itemsOnChecklist(trx: Executor, personId: number, itemIds: readonly number[]) {
  const checklist = await trx
    .selectFrom("induction_checklists")
    .select("id")
    .where("person_id", "=", personId)
    .$call(lockForUpdate)
    .executeTakeFirst();
  if (!checklist) return undefined;
  const items = await trx
    .selectFrom("induction_items")
    .select(["id", "title", "done_on", "done_by"])
    .where("checklist_id", "=", checklist.id)
    .where("id", "in", itemIds.length ? itemIds : [-1])
    .execute();
  return { checklistId: checklist.id, items };
}

type StoredItem = { id: number; title: string; done_on: string | null; done_by: number | null };

/** Ticks an item as done on `doneOn`, or unticks it (null), with its audit entry naming the item. */
async function markItem(
  trx: Executor,
  owner: InductionOwner,
  checklistId: number,
  item: StoredItem,
  doneOn: string | null,
  actor: Actor & { id: number },
) {
  await trx
    .updateTable("induction_items")
    .set(
      doneOn
        ? { done_on: doneOn, done_by: actor.id, ticked_at: nowIso() }
        : { done_on: null, done_by: null, ticked_at: null },
    )
    .where("id", "=", item.id)
    .execute();
  await writeAudit(trx, {
    actorId: actor.id,
    pcnId: owner.pcnId,
    entity: "induction",
    entityId: checklistId,
    ip: actor.ip,
    ...(doneOn
      ? { action: "tick" as const, after: { userId: owner.id, item: item.title, doneOn } }
      : {
          action: "untick" as const,
          before: { userId: owner.id, item: item.title, doneOn: item.done_on, doneBy: item.done_by },
        }),
  });
}

async function recount(trx: Executor, checklistId: number) {
  await trx
    .updateTable("induction_checklists")
    .set({ items_done: await itemCount(trx, checklistId, true) })
    .where("id", "=", checklistId)
    .execute();
}

/**
 * Ticks items as done on `doneOn` by the actor. An item that is not on this person's checklist answers "not found"
 * and nothing changes; an item already ticked keeps its first date.
 */
export async function tickInductionItems(
  db: Executor,
  owner: InductionOwner,
  itemIds: readonly number[],
  doneOn: string,
  actor: Actor & { id: number },
): Promise<Change> {
  return db.transaction().execute(async (trx) => {
    const found = await itemsOnChecklist(trx, owner.id, itemIds);
    if (!found || found.items.length !== new Set(itemIds).size) return { ok: false, notFound: true };
    for (const item of found.items.filter((i) => i.done_on === null))
      await markItem(trx, owner, found.checklistId, item, doneOn, actor);
    await recount(trx, found.checklistId);
    return { ok: true };
  });
}

/** Unticks one item (ticked by mistake), keeping what it said in the audit trail. */
export async function untickInductionItem(
  db: Executor,
  owner: InductionOwner,
  itemId: number,
  actor: Actor & { id: number },
): Promise<Change> {
  return db.transaction().execute(async (trx) => {
    const found = await itemsOnChecklist(trx, owner.id, [itemId]);
    const item = found?.items[0];
    if (!found || !item) return { ok: false, notFound: true };
    if (item.done_on === null) return { ok: true };
    await markItem(trx, owner, found.checklistId, item, null, actor);
    await recount(trx, found.checklistId);
    return { ok: true };
  });
}

/** Every item of a checklist, for the PDF portfolio (a checklist holds a dozen or so). */
export function allInductionItems(db: Executor, checklistId: number) {
  return itemsInOrder(db, checklistId).execute();
}

/** The unfinished checklists of some people, for the notification job. */
export async function unfinishedChecklistsOf(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("induction_checklists")
    .select(["id", "person_id as personId", "due_on as dueOn", "items_total as total", "items_done as done"])
    .where("person_id", "in", personIds)
    .whereRef("items_done", "<", "items_total")
    .execute();
}

/** Deletes a leaver's checklist and its items (ADR 0010); answers the count and the ids for the audit trail. */
export async function purgeInduction(trx: Executor, personId: number) {
  const checklist = await getChecklist(trx, personId);
  if (!checklist) return { counts: { inductionItems: 0 }, records: [] };
  const items = await itemCount(trx, checklist.id);
  await trx.deleteFrom("induction_items").where("checklist_id", "=", checklist.id).execute();
  await trx.deleteFrom("induction_checklists").where("id", "=", checklist.id).execute();
  const records: { entity: AuditEntity; ids: number[] }[] = [{ entity: "induction", ids: [checklist.id] }];
  return { counts: { inductionItems: items }, records };
}

/** The person's checklist and items as stored, for a subject access request. */
export async function inductionHeldAbout(db: Executor, personId: number) {
  const checklists = await db
    .selectFrom("induction_checklists")
    .selectAll()
    .where("person_id", "=", personId)
    .execute();
  return {
    inductionChecklists: checklists,
    inductionItems: await db
      .selectFrom("induction_items")
      .selectAll()
      .where("checklist_id", "in", checklists.length ? checklists.map((c) => c.id) : [-1])
      .orderBy("id")
      .execute(),
  };
}
