/**
 * Induction checklists (issue 13 item 4, ADR 0020): made when someone joins and on request, copied from content so
 * a content change reaches new checklists only, ticked and unticked with date and who (audited), access by role
 * (guessing another person's item id answers 404), refused input changes nothing, the dashboard's column and filter
 * (and the same column in its CSV and the compliance report),
 * the "induction incomplete" notices by email, the PDF's data, and a leaver's purge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/index.server";
import { inductionItemsFor } from "~/domain/induction";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { env } from "~/lib/env.server";
import { getDb } from "~/lib/db.server";
import { makeChecklist } from "~/models/induction.server";
import { purgePerson } from "~/models/retention.server";
import { setActive } from "~/models/user.server";
import * as dashboard from "~/routes/dashboard";
import * as dashboardCsv from "~/routes/dashboard[.csv]";
import * as newPerson from "~/routes/people.new";
import * as inductionPage from "~/routes/people.$personId.induction";
import * as personPage from "~/routes/people.$personId._index";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { runNotifications } from "~/services/notify.server";
import { gatherPortfolio, currentAppraisalYear } from "~/services/portfolio-export.server";
import { makeArrangement, makePcn, makePerson, makeTeam } from "../../scripts/lib/factories";
import { readCsv } from "../support/csv";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { auditCount, describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const db = () => getDb();
const today = () => todayInLondon(new Date());
const DAY_MS = 86_400_000;

const checklistOf = (personId: number) =>
  db().selectFrom("induction_checklists").selectAll().where("person_id", "=", personId).executeTakeFirst();
const itemsOf = async (personId: number) =>
  db()
    .selectFrom("induction_items as i")
    .innerJoin("induction_checklists as c", "c.id", "i.checklist_id")
    .select(["i.id", "i.title", "i.description", "i.item_key", "i.done_on", "i.done_by"])
    .where("c.person_id", "=", personId)
    .orderBy("i.position")
    .execute();
const inductionAudits = (checklistId: number) =>
  db()
    .selectFrom("audit_log")
    .select(["action", "actor_id", "after_json", "before_json"])
    .where("entity", "=", "induction")
    .where("entity_id", "=", String(checklistId))
    .orderBy("id")
    .execute();

const pagePath = (personId: number) => `/people/${personId}/induction`;
const post = (personId: number, fields: Record<string, string | string[]>, cookie: string) =>
  submit(inductionPage.action, pagePath(personId), fields, { cookie, params: { personId: String(personId) } });

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

describe("a new starter's checklist", () => {
  it("is made when a lead adds a member of staff, from the content's items for their role and the first setting", async () => {
    const { lead } = world.home;
    const added = await submit(
      newPerson.action,
      "/people/new",
      {
        name: "Nadia Hussain",
        email: "nadia.hussain@induction.example",
        jobRole: "social-prescribing-link-worker",
        roles: "coordinator",
      },
      { cookie: world.cookies.lead },
    );
    expect(added.status).toBe(302);
    const personId = Number(added.location!.split("/").at(-1));
    const checklist = await checklistOf(personId);
    const content = getContent().induction;
    const expected = inductionItemsFor(content.items, "social-prescribing-link-worker", content.settings[0]!.id);
    expect(checklist).toMatchObject({
      setting_id: content.settings[0]!.id,
      content_version: content.version,
      starts_on: today(),
      due_on: addCalendarDays(today(), content.dueWithinDays),
      items_total: expected.length,
      items_done: 0,
      created_by: lead.id,
    });
    expect((await itemsOf(personId)).map((i) => i.item_key)).toEqual(expected.map((i) => i.id));
    // Every role's items and only theirs: the link worker's own item is there, the coach's is not.
    expect(expected.map((i) => i.id)).toContain("community-directory");
    expect(expected.map((i) => i.id)).not.toContain("coaching-mentor");
    const [made] = await inductionAudits(checklist!.id);
    expect(made).toMatchObject({ action: "create", actor_id: lead.id });
  });

  it("is not made for someone with no job role (a supervisor or manager only)", async () => {
    const manager = await makePerson(db(), { pcnId: world.home.pcn.id, roles: ["supervisor"], jobRole: null });
    expect(await checklistOf(manager.id)).toBeUndefined();
  });

  it("keeps its copied words when the content changes; only new checklists get the new words", async () => {
    const content = getContent().induction;
    const before = await makePerson(db(), { pcnId: world.home.pcn.id });
    const saved = { version: content.version, first: { ...content.items[0]! }, items: [...content.items] };
    const storedBefore = await itemsOf(before.id);
    try {
      content.version = "2099.1";
      content.items[0] = { ...content.items[0]!, title: "A reworded first item", description: "New words." };
      content.items.push({
        id: "new-item",
        title: "A brand new item",
        description: "Added later.",
        roles: [],
        settings: [],
      });
      const after = await makePerson(db(), { pcnId: world.home.pcn.id });

      expect(await itemsOf(before.id)).toEqual(storedBefore);
      expect((await checklistOf(before.id))!.content_version).toBe(saved.version);
      const newItems = await itemsOf(after.id);
      expect(newItems[0]!.title).toBe("A reworded first item");
      expect(newItems.map((i) => i.item_key)).toContain("new-item");
      expect((await checklistOf(after.id))!.content_version).toBe("2099.1");
    } finally {
      content.version = saved.version;
      content.items.splice(0, content.items.length, ...saved.items);
      content.items[0] = saved.first;
    }
  });
});

describe("ticking items", () => {
  it("records the date done and who ticked it, keeps the count, and audits ticking and unticking", async () => {
    const { coordinator, supervisor } = await makeTeam(db());
    const cookie = await cookieFor(supervisor.id);
    const [first, second] = await itemsOf(coordinator.id);
    const ticked = await post(
      coordinator.id,
      {
        intent: "tick",
        items: [String(first!.id), String(second!.id)],
        "doneOn-day": "3",
        "doneOn-month": "11",
        "doneOn-year": "2026",
      },
      cookie,
    );
    expect(ticked.status).toBe(302);
    expect(ticked.flash).toMatchObject({ message: "Items marked as done" });
    const items = await itemsOf(coordinator.id);
    expect(items.slice(0, 2).map((i) => [i.done_on, i.done_by])).toEqual([
      ["2026-11-03", supervisor.id],
      ["2026-11-03", supervisor.id],
    ]);
    const checklist = (await checklistOf(coordinator.id))!;
    expect(checklist.items_done).toBe(2);

    const page = await load(inductionPage.loader, pagePath(coordinator.id), {
      cookie: await cookieFor(coordinator.id),
      params: { personId: String(coordinator.id) },
    });
    expect(page.data.checklist).toMatchObject({ done: 2, total: checklist.items_total, status: "in-progress" });
    expect(page.data.items[0]).toMatchObject({ doneOn: "2026-11-03", doneByName: supervisor.name });

    const unticked = await post(coordinator.id, { intent: "untick", itemId: String(first!.id) }, cookie);
    expect(unticked.status).toBe(302);
    expect((await itemsOf(coordinator.id))[0]).toMatchObject({ done_on: null, done_by: null });
    expect((await checklistOf(coordinator.id))!.items_done).toBe(1);

    const audits = await inductionAudits(checklist.id);
    expect(audits.map((a) => a.action)).toEqual(["create", "tick", "tick", "untick"]);
    expect(JSON.parse(audits[3]!.before_json!)).toMatchObject({ item: first!.title, doneOn: "2026-11-03" });
    expect(audits.slice(1).every((a) => a.actor_id === supervisor.id)).toBe(true);
  });

  it("refuses bad input with a field error and changes nothing", async () => {
    const { coordinator } = await makeTeam(db());
    const cookie = await cookieFor(coordinator.id);
    const [item] = await itemsOf(coordinator.id);
    const auditBefore = await auditCount();
    const tomorrow = addCalendarDays(today(), 1).split("-");
    const cases: [Record<string, string | string[]>, string, RegExp][] = [
      [{ intent: "tick" }, "items", /Select at least one item/],
      [{ intent: "tick", items: "first" }, "items", /Select the items/],
      [
        {
          intent: "tick",
          items: String(item!.id),
          "doneOn-day": tomorrow[2]!,
          "doneOn-month": tomorrow[1]!,
          "doneOn-year": tomorrow[0]!,
        },
        "doneOn",
        /today or in the past/,
      ],
      [
        { intent: "tick", items: String(item!.id), "doneOn-day": "31", "doneOn-month": "2", "doneOn-year": "2026" },
        "doneOn",
        /real date/,
      ],
      [{ intent: "make", setting: "the-moon" }, "setting", /Select the setting/],
      [{ intent: "shred" }, "intent", /Choose what to do/],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await post(coordinator.id, fields, cookie);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(refused.data.errors[field], JSON.stringify(fields)).toMatch(message);
    }
    expect(await auditCount()).toBe(auditBefore);
    expect((await itemsOf(coordinator.id)).every((i) => i.done_on === null)).toBe(true);
  });

  it("answers 404 for an item on someone else's checklist, and changes nothing", async () => {
    const mine = world.home.coordinator;
    const theirs = await itemsOf(world.other.coordinator.id);
    const colleagues = await itemsOf(world.home.colleague.id);
    const before = await auditCount();
    for (const item of [theirs[0]!, colleagues[0]!]) {
      const guessed = await post(mine.id, { intent: "tick", items: String(item.id) }, world.cookies.coordinator);
      expect(guessed.status).toBe(404);
      const untick = await post(mine.id, { intent: "untick", itemId: String(item.id) }, world.cookies.coordinator);
      expect(untick.status).toBe(404);
    }
    // One of their own with one of someone else's: all or nothing.
    const own = (await itemsOf(mine.id))[0]!;
    const mixed = await post(
      mine.id,
      { intent: "tick", items: [String(own.id), String(theirs[0]!.id)] },
      world.cookies.coordinator,
    );
    expect(mixed.status).toBe(404);
    expect(await auditCount()).toBe(before);
    expect((await itemsOf(world.other.coordinator.id))[0]!.done_on).toBeNull();
    expect((await itemsOf(mine.id))[0]!.done_on).toBeNull();
  });

  it("keeps the setting once anything is ticked: remaking is refused with a field error", async () => {
    const { coordinator, lead } = await makeTeam(db());
    const [item] = await itemsOf(coordinator.id);
    expect(
      (await post(coordinator.id, { intent: "tick", items: String(item!.id) }, await cookieFor(coordinator.id))).status,
    ).toBe(302);
    const remade = await post(coordinator.id, { intent: "make", setting: "care-homes" }, await cookieFor(lead.id));
    expect(remade.status).toBe(404);
    // The model refuses it whoever asks, with the setting field's words.
    await expect(
      makeChecklist(db(), { ...coordinator, jobRole: "care-coordinator" }, "care-homes", { id: lead.id }, today()),
    ).rejects.toThrow(/induction has started/);
    expect((await checklistOf(coordinator.id))!.setting_id).toBe(getContent().induction.settings[0]!.id);
  });
});

/** An item on the coordinator's checklist per role, so each role's tick starts from an unticked item. */
const itemFor: Partial<Record<Role, number>> = {};
beforeAll(async () => {
  const items = await itemsOf(world.home.coordinator.id);
  // Only three roles may tick, each a different item; the others are refused whichever item they try.
  ROLES.forEach((role, i) => (itemFor[role] = items[i % items.length]!.id));
});

describeAccess([
  {
    name: "the checklist page",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (role) =>
      load(inductionPage.loader, pagePath(world.home.coordinator.id), {
        cookie: world.cookies[role],
        params: { personId: String(world.home.coordinator.id) },
      }),
  },
  {
    name: "ticking an item: the person, their supervisor and their lead",
    allowed: ["lead", "supervisor", "coordinator"],
    mutates: true,
    run: (role) =>
      post(world.home.coordinator.id, { intent: "tick", items: String(itemFor[role]) }, world.cookies[role]),
  },
  {
    name: "making the checklist for a setting: a lead or an administrator",
    allowed: ["admin", "lead"],
    mutates: true,
    run: (role) => post(world.home.colleague.id, { intent: "make", setting: "care-homes" }, world.cookies[role]),
  },
]);

describe("a checklist for existing staff", () => {
  it("is made by a lead for someone who has none, in the setting chosen", async () => {
    const person = await makePerson(db(), { pcnId: world.home.pcn.id, jobRole: "health-and-wellbeing-coach" });
    await db()
      .deleteFrom("induction_items")
      .where("checklist_id", "=", (await checklistOf(person.id))!.id)
      .execute();
    await db().deleteFrom("induction_checklists").where("person_id", "=", person.id).execute();
    const page = await load(inductionPage.loader, pagePath(person.id), {
      cookie: world.cookies.lead,
      params: { personId: String(person.id) },
    });
    expect(page.data).toMatchObject({ checklist: null, canMake: true, canTick: false });
    const made = await post(person.id, { intent: "make", setting: "voluntary-sector" }, world.cookies.lead);
    expect(made.status).toBe(302);
    const keys = (await itemsOf(person.id)).map((i) => i.item_key);
    expect(keys).toContain("host-record-access");
    expect(keys).toContain("coaching-mentor");
    expect(keys).not.toContain("practice-systems");
    expect((await checklistOf(person.id))!.setting_id).toBe("voluntary-sector");
  });
});

describe("progress on the person's page and the dashboard", () => {
  it("shows on the person's page for the content's first months only", async () => {
    const { coordinator, lead } = await makeTeam(db());
    const params = { personId: String(coordinator.id) };
    const shown = await load(personPage.loader, `/people/${coordinator.id}`, {
      cookie: await cookieFor(lead.id),
      params,
    });
    expect(shown.data.induction).toMatchObject({ done: 0, status: "in-progress" });
    await db()
      .updateTable("induction_checklists")
      .set({ show_until: addCalendarDays(today(), -1) })
      .where("person_id", "=", coordinator.id)
      .execute();
    const later = await load(personPage.loader, `/people/${coordinator.id}`, {
      cookie: await cookieFor(lead.id),
      params,
    });
    expect(later.data.induction).toBeNull();
  });

  it("gives the dashboard an induction column and a filter, read in SQL", async () => {
    const pcn = await makePcn(db());
    const lead = await makePerson(db(), { pcnId: pcn.id, roles: ["lead"], jobRole: null });
    const done = await makePerson(db(), { pcnId: pcn.id, name: "Ada Done" });
    const started = await makePerson(db(), { pcnId: pcn.id, name: "Ben Started" });
    const none = await makePerson(db(), { pcnId: pcn.id, name: "Cara None" });
    const cookie = await cookieFor(lead.id);
    const allIds = (await itemsOf(done.id)).map((i) => String(i.id));
    expect((await post(done.id, { intent: "tick", items: allIds }, cookie)).status).toBe(302);
    const first = (await itemsOf(started.id))[0]!;
    expect((await post(started.id, { intent: "tick", items: String(first.id) }, cookie)).status).toBe(302);
    await db()
      .deleteFrom("induction_items")
      .where("checklist_id", "=", (await checklistOf(none.id))!.id)
      .execute();
    await db().deleteFrom("induction_checklists").where("person_id", "=", none.id).execute();

    const rows = async (query = "") =>
      (await load(dashboard.loader, `/dashboard${query}`, { cookie })).data.rows as {
        name: string;
        induction: { done: number; total: number; status: string } | null;
      }[];
    const all = await rows();
    const startedTotal = (await checklistOf(started.id))!.items_total;
    const expected = {
      "Ada Done": { done: allIds.length, total: allIds.length, status: "complete" },
      "Ben Started": { done: 1, total: startedTotal, status: "in-progress" },
      "Cara None": null,
    };
    expect(Object.fromEntries(all.map((r) => [r.name, r.induction]))).toEqual(expected);

    // The CSV and the compliance report carry it too, in the dashboard's words.
    const csv = readCsv(
      (await load(dashboardCsv.loader, "/dashboard.csv?sort=name", { cookie })).data.replace(/^\uFEFF/, ""),
    );
    const columns = ["Name", "Induction", "Induction items done", "Induction items"].map((c) => csv[0]!.indexOf(c));
    expect(csv.slice(1).map((row) => columns.map((c) => row[c]))).toEqual([
      ["Ada Done", "Complete", String(allIds.length), String(allIds.length)],
      ["Ben Started", "In progress", "1", String(startedTotal)],
      ["Cara None", "No checklist", "", ""],
    ]);
    const report = await gatherComplianceReport(db(), pcn.id);
    expect(Object.fromEntries(report!.staff.map((s) => [s.name, s.induction]))).toEqual(expected);
    expect((await rows("?induction=incomplete")).map((r) => r.name)).toEqual(["Ben Started"]);
    expect((await rows("?induction=complete")).map((r) => r.name)).toEqual(["Ada Done"]);
    expect((await rows("?induction=none")).map((r) => r.name)).toEqual(["Cara None"]);
    const filtered = await load(dashboard.loader, "/dashboard?induction=incomplete", { cookie });
    expect(filtered.data.total).toBe(1);
  });
});

describe("the portfolio PDF's induction", () => {
  it("holds the setting, status and each item with its date and who ticked it", async () => {
    const { coordinator, supervisor } = await makeTeam(db());
    const [item] = await itemsOf(coordinator.id);
    await post(coordinator.id, { intent: "tick", items: String(item!.id) }, await cookieFor(supervisor.id));
    const data = await gatherPortfolio(db(), coordinator.id, currentAppraisalYear(today()), "owner");
    const checklist = (await checklistOf(coordinator.id))!;
    expect(data!.induction).toMatchObject({
      setting: checklist.setting_title,
      status: "in-progress",
      done: 1,
      total: checklist.items_total,
    });
    expect(data!.induction!.items[0]).toEqual({ title: item!.title, doneOn: today(), doneBy: supervisor.name });
    expect(data!.induction!.items.slice(1).every((i) => i.doneOn === null)).toBe(true);
  });
});

describe("induction incomplete notices", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it("are emailed to the person, their supervisor and the lead's PCN summary, once per threshold", async () => {
    const pcn = await makePcn(db());
    const lead = await makePerson(db(), {
      pcnId: pcn.id,
      roles: ["lead"],
      jobRole: null,
      email: `lead.${pcn.id}@induction.example`,
    });
    const supervisor = await makePerson(db(), {
      pcnId: pcn.id,
      roles: ["supervisor"],
      jobRole: null,
      email: `sup.${pcn.id}@induction.example`,
    });
    const starter = await makePerson(db(), {
      pcnId: pcn.id,
      name: "Nia Starter",
      email: `nia.${pcn.id}@induction.example`,
    });
    await makeArrangement(db(), starter, supervisor.id);
    const checklist = (await checklistOf(starter.id))!;
    const mail = {
      host: "127.0.0.1",
      port: sink.port,
      security: "none" as const,
      from: "care-portfolio@example-pcn.nhs.uk",
      baseUrl: "https://portfolio.example-pcn.nhs.uk",
    };
    const dueIn = (days: number) => new Date(Date.parse(`${checklist.due_on}T12:00:00Z`) - days * DAY_MS);
    const run = (now: Date) => runNotifications(db(), { now, mail, reviewWaitDays: 7 });
    const inductionNotices = () =>
      db()
        .selectFrom("notices")
        .select(["recipient_id", "threshold", "audience"])
        .where("kind", "=", "induction-incomplete")
        .where("subject_id", "=", starter.id)
        .orderBy("id")
        .execute();
    const mailTo = (email: string) => sink.received.filter((m) => m.to.includes(email));

    await run(dueIn(10));
    expect(await inductionNotices()).toEqual([]);

    await run(dueIn(5));
    const left = `${checklist.items_total} of ${checklist.items_total} items left`;
    expect(mailTo(starter.email).at(-1)!.text).toContain(`Your induction is due by`);
    expect(mailTo(starter.email).at(-1)!.text).toContain(left);
    expect(mailTo(starter.email).at(-1)!.text).toContain(`/people/${starter.id}/induction`);
    expect(mailTo(supervisor.email).at(-1)!.text).toContain(`Nia Starter’s induction is due by`);
    expect(mailTo(lead.email).at(-1)!.text).toContain("1 induction not complete and due soon or overdue");
    const sentBefore = sink.received.length;
    await run(dueIn(4));
    expect(sink.received.filter((m) => m.text.includes("induction")).length).toBe(
      sink.received.slice(0, sentBefore).filter((m) => m.text.includes("induction")).length,
    );

    await run(dueIn(-1));
    expect(mailTo(starter.email).at(-1)!.text).toContain("Your induction was due by");
    const notices = await inductionNotices();
    expect(notices.map((n) => [n.recipient_id, n.threshold, n.audience]).sort()).toEqual(
      [
        [starter.id, "due-soon", "own"],
        [supervisor.id, "due-soon", "supervisee"],
        [lead.id, "due-soon", "pcn"],
        [starter.id, "overdue", "own"],
        [supervisor.id, "overdue", "supervisee"],
        [lead.id, "overdue", "pcn"],
      ].sort(),
    );

    // Finished: nothing more is found, however late.
    const ids = (await itemsOf(starter.id)).map((i) => String(i.id));
    await post(starter.id, { intent: "tick", items: ids }, await cookieFor(starter.id));
    await run(dueIn(-30));
    expect(await inductionNotices()).toHaveLength(6);
  });
});

describe("a leaver's purge", () => {
  it("deletes their checklist and its items", async () => {
    const { coordinator, lead } = await makeTeam(db());
    const checklist = (await checklistOf(coordinator.id))!;
    await setActive(db(), coordinator.id, false, { id: lead.id });
    const report = await purgePerson(
      db(),
      env().DATA_DIR,
      coordinator.id,
      0,
      { id: world.admin.id },
      new Date(Date.now() + DAY_MS),
    );
    expect(report).toMatchObject({ inductionItems: checklist.items_total });
    expect(await checklistOf(coordinator.id)).toBeUndefined();
    expect(
      await db().selectFrom("induction_items").select("id").where("checklist_id", "=", checklist.id).execute(),
    ).toEqual([]);
  });
});
