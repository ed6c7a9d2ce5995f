/** The induction checklist page and the progress panels of the person's page and home page (ADR 0020). */
import { getContent } from "~/content/index.server";
import { inductionStatus, showsInductionProgress } from "~/domain/induction";
import { canMakeInduction, canTickInduction, type Viewer } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import type { inductionIntent } from "~/forms/induction.server";
import type { Executor } from "~/models/audit.server";
import {
  allInductionItems,
  getChecklist,
  listInductionItems,
  makeChecklist,
  tickInductionItems,
  untickInductionItem,
  type InductionChecklist,
  type InductionOwner,
} from "~/models/induction.server";
import type { Actor } from "~/models/user.server";
import type { PortfolioInduction } from "~/pdf/portfolio-induction";
import type { z } from "zod";

const today = () => todayInLondon(new Date());

function summaryOf(personId: number, checklist: InductionChecklist) {
  return {
    personId,
    settingTitle: checklist.settingTitle,
    settingId: checklist.settingId,
    done: checklist.done,
    total: checklist.total,
    dueOn: checklist.dueOn,
    startsOn: checklist.startsOn,
    status: inductionStatus(checklist, today()),
  };
}

/** The progress panel for the person's page and home page: only while the content's first months last. */
export async function inductionProgressOf(db: Executor, personId: number) {
  const checklist = await getChecklist(db, personId);
  return checklist && showsInductionProgress(checklist, today()) ? summaryOf(personId, checklist) : null;
}

export const inductionSettingIds = () => getContent().induction.settings.map((s) => s.id);

/** Whether this viewer may make (or remake, while nothing is ticked) the checklist of this member of staff. */
const mayMake = (viewer: Viewer, person: InductionOwner, checklist: InductionChecklist | undefined) =>
  canMakeInduction(viewer, person) && person.jobRole !== null && (!checklist || checklist.done === 0);

/** The checklist page: the checklist, a page of its items, and what this viewer may do. */
export async function inductionPageFor(
  db: Executor,
  viewer: Viewer,
  person: InductionOwner,
  page: { page: number; pageSize: number },
) {
  const checklist = await getChecklist(db, person.id);
  const items = checklist ? await listInductionItems(db, checklist.id, page) : { items: [], total: 0 };
  return {
    checklist: checklist ? summaryOf(person.id, checklist) : null,
    ...items,
    own: viewer.id === person.id,
    canTick: checklist !== undefined && canTickInduction(viewer, person),
    canMake: mayMake(viewer, person, checklist),
    settings: getContent().induction.settings.map((s) => ({ value: s.id, label: s.title })),
  };
}

export type InductionStep = z.infer<ReturnType<typeof inductionIntent>>;

/**
 * Takes one step on the person's checklist. "forbidden" and "not-found" both answer 404 on the page: a viewer who
 * may not do this, or an item that is not on this person's checklist, look the same as one that does not exist.
 */
export async function changeInduction(
  db: Executor,
  viewer: Viewer,
  person: InductionOwner,
  step: InductionStep,
  actor: Actor & { id: number },
): Promise<"done" | "not-found"> {
  if (step.intent === "make") {
    if (!mayMake(viewer, person, await getChecklist(db, person.id))) return "not-found";
    await makeChecklist(db, person, step.setting, actor, today());
    return "done";
  }
  if (!canTickInduction(viewer, person)) return "not-found";
  const result =
    step.intent === "tick"
      ? await tickInductionItems(db, person, step.items, step.doneOn, actor)
      : await untickInductionItem(db, person, step.itemId, actor);
  return result.ok ? "done" : "not-found";
}

/** The checklist as the PDF portfolio shows it; null when the person has none. */
export async function inductionOfPortfolio(
  db: Executor,
  personId: number,
  on: string,
): Promise<PortfolioInduction | null> {
  const checklist = await getChecklist(db, personId);
  if (!checklist) return null;
  const items = await allInductionItems(db, checklist.id);
  return {
    setting: checklist.settingTitle,
    status: inductionStatus(checklist, on),
    startsOn: checklist.startsOn,
    dueOn: checklist.dueOn,
    done: checklist.done,
    total: checklist.total,
    items: items.map((i) => ({ title: i.title, doneOn: i.doneOn, doneBy: i.doneByName })),
  };
}
