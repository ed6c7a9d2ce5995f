/** The CPD log: access, form checks, totals by type and appraisal year, paging, change and delete. */
import { addDays } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import * as entryPage from "~/routes/people.$personId.cpd.$entryId";
import * as cpdPage from "~/routes/people.$personId.cpd._index";
import { getDb } from "~/lib/db.server";
import { makeCpd } from "../../scripts/lib/factories/compliance";
import { makeTeam } from "../../scripts/lib/factories";
import { describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

let world: World;
let homeEntry: number;
let otherEntry: number;
const deletable: Partial<Record<Role, number>> = {};

const cpdCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("cpd_entries")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  world = await makeWorld();
  homeEntry = await makeCpd(getDb(), world.home.coordinator);
  otherEntry = await makeCpd(getDb(), world.other.coordinator);
  for (const role of ROLES)
    deletable[role] = await makeCpd(getDb(), world.home.coordinator, { activity: `To delete (${role})` });
});

const home = () => world.home.coordinator;
const valid = {
  activity: "Care coordination network meeting",
  activityDate: "2026-06-03",
  hours: "2.5",
  type: "peer-support",
  provider: "Riverside PCN",
  reflection: "Shared ways of handing over between practices.",
  competencyIds: ["pc-1"],
};
const entryParams = (id: number) => ({ personId: String(home().id), entryId: String(id) });

describeAccess([
  {
    name: "GET /people/:id/cpd",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(cpdPage.loader, `/people/${home().id}/cpd`, {
        cookie: world.cookies[r],
        params: { personId: String(home().id) },
      }),
  },
  {
    name: "POST /people/:id/cpd (add)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(cpdPage.action, `/people/${home().id}/cpd`, valid, {
        cookie: world.cookies[r],
        params: { personId: String(home().id) },
      }),
  },
  {
    name: "GET /people/:id/cpd/:entryId",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(entryPage.loader, `/people/${home().id}/cpd/${homeEntry}`, {
        cookie: world.cookies[r],
        params: entryParams(homeEntry),
      }),
  },
  {
    name: "POST /people/:id/cpd/:entryId (change)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(
        entryPage.action,
        `/people/${home().id}/cpd/${homeEntry}`,
        { ...valid, intent: "save" },
        { cookie: world.cookies[r], params: entryParams(homeEntry) },
      ),
  },
  {
    name: "POST /people/:id/cpd/:entryId (delete)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(
        entryPage.action,
        `/people/${home().id}/cpd/${deletable[r]}`,
        { intent: "delete" },
        { cookie: world.cookies[r], params: entryParams(deletable[r]!) },
      ),
  },
  {
    name: "GET another PCN's entry id under this person",
    allowed: [],
    run: (r) =>
      load(entryPage.loader, `/people/${home().id}/cpd/${otherEntry}`, {
        cookie: world.cookies[r],
        params: entryParams(otherEntry),
      }),
  },
  {
    name: "POST delete of another PCN's entry id under this person",
    allowed: [],
    run: (r) =>
      submit(
        entryPage.action,
        `/people/${home().id}/cpd/${otherEntry}`,
        { intent: "delete" },
        { cookie: world.cookies[r], params: entryParams(otherEntry) },
      ),
  },
]);

describe("the CPD form refuses bad input with a field message and saves nothing", () => {
  const tomorrow = () => formatCalendarDate(addDays(parseCalendarDate(todayInLondon(new Date())), 1));
  it.each([
    ["0 hours", { hours: "0" }, "hours", "Hours must be 0.25 (15 minutes) or more"],
    ["1000 hours", { hours: "1000" }, "hours", "Hours must be 100 or fewer"],
    ["0.1 hours", { hours: "0.1" }, "hours", "Hours must be 0.25 (15 minutes) or more"],
    ["hours in words", { hours: "two" }, "hours", "Hours must be a number, like 1.5"],
    ["no hours", { hours: "" }, "hours", "Enter the number of hours"],
    [
      "a date in the future",
      { activityDate: "__tomorrow__" },
      "activityDate",
      "The date of the activity must be today or in the past",
    ],
    ["no date", { activityDate: "" }, "activityDate", "Enter the date of the activity"],
    ["no activity", { activity: "  " }, "activity", "Enter the activity"],
    ["no type", { type: "" }, "type", "Select the type of CPD"],
    ["no reflection", { reflection: "" }, "reflection", "Enter what you learned and how you will use it"],
    [
      "a competency not in the framework",
      { competencyIds: ["zz-99"] },
      "competencyIds",
      "Select competencies from the list",
    ],
  ])("%s", async (_, change, field, message) => {
    const before = await cpdCount();
    const fields = { ...valid, ...change };
    if (fields.activityDate === "__tomorrow__") fields.activityDate = tomorrow();
    const outcome = await submit(cpdPage.action, `/people/${home().id}/cpd`, fields, {
      cookie: world.cookies.coordinator,
      params: { personId: String(home().id) },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors[field]).toBe(message);
    expect(outcome.data.values.activity).toBe(fields.activity);
    expect(await cpdCount()).toBe(before);
  });

  it("accepts the limits, 0.25 and 100 hours", async () => {
    for (const hours of ["0.25", "100"]) {
      const outcome = await submit(
        cpdPage.action,
        `/people/${home().id}/cpd`,
        { ...valid, hours },
        { cookie: world.cookies.coordinator, params: { personId: String(home().id) } },
      );
      expect(outcome.status).toBe(302);
    }
  });
});

describe("totals", () => {
  it("adds hours up by type within the appraisal year and by appraisal year (April start)", async () => {
    const db = getDb();
    const { coordinator: person } = await makeTeam(db);
    const entries = [
      { activityDate: "2025-06-10", type: "webinar", hours: 2 },
      { activityDate: "2026-03-31", type: "e-learning", hours: 1.25 },
      { activityDate: "2026-04-01", type: "webinar", hours: 1.5 },
      { activityDate: "2026-05-01", type: "formal-course", hours: 7 },
      { activityDate: "2026-10-01", type: "webinar", hours: 0.25 },
    ];
    for (const e of entries) await makeCpd(db, person, e);
    const outcome = await load(cpdPage.loader, `/people/${person.id}/cpd?year=2026%2F27`, {
      cookie: await cookieFor(person.id),
      params: { personId: String(person.id) },
    });
    const { totals, year, entries: listed, total } = outcome.data;
    expect(year).toMatchObject({ label: "2026/27", start: "2026-04-01", end: "2027-03-31" });
    const byType = Object.fromEntries(totals.byType.map((t: { type: string; hours: number }) => [t.type, t.hours]));
    expect(byType).toMatchObject({ webinar: 1.75, "formal-course": 7, "e-learning": 0 });
    expect(totals.yearTotal).toBe(8.75);
    expect(totals.byYear).toEqual([
      { label: "2025/26", hours: 3.25 },
      { label: "2026/27", hours: 8.75 },
    ]);
    expect(total).toBe(3);
    expect(listed.map((e: { activityDate: string }) => e.activityDate)).toEqual([
      "2026-10-01",
      "2026-05-01",
      "2026-04-01",
    ]);
  });

  it("pages the entries, twenty to a page", async () => {
    const db = getDb();
    const { coordinator: person } = await makeTeam(db);
    for (let day = 1; day <= 21; day += 1)
      await makeCpd(db, person, { activityDate: `2026-05-${String(day).padStart(2, "0")}` });
    const cookie = await cookieFor(person.id);
    const page2 = await load(cpdPage.loader, `/people/${person.id}/cpd?year=2026%2F27&page=2`, {
      cookie,
      params: { personId: String(person.id) },
    });
    expect(page2.data.total).toBe(21);
    expect(page2.data.entries.map((e: { activityDate: string }) => e.activityDate)).toEqual(["2026-05-01"]);
  });
});

describe("changing and deleting", () => {
  it("saves a change with its competencies, and deleting removes the entry and its links; both audited", async () => {
    const db = getDb();
    const id = await makeCpd(db, home(), { competencyIds: ["pc-1"] });
    const changed = await submit(
      entryPage.action,
      `/people/${home().id}/cpd/${id}`,
      { ...valid, intent: "save", hours: "3", competencyIds: ["pc-2", "rel-1"] },
      { cookie: world.cookies.coordinator, params: entryParams(id) },
    );
    expect(changed.status).toBe(302);
    const page = await load(entryPage.loader, `/people/${home().id}/cpd/${id}`, {
      cookie: world.cookies.supervisor,
      params: entryParams(id),
    });
    expect(page.data.entry).toMatchObject({ hours: 3, competencyIds: ["pc-2", "rel-1"] });
    expect(page.data.canEdit).toBe(false);

    const deleted = await submit(
      entryPage.action,
      `/people/${home().id}/cpd/${id}`,
      { intent: "delete" },
      { cookie: world.cookies.coordinator, params: entryParams(id) },
    );
    expect(deleted.status).toBe(302);
    expect(await db.selectFrom("cpd_entries").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("cpd_entry_competencies").select("cpd_id").where("cpd_id", "=", id).execute()).toEqual(
      [],
    );
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "cpd")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });
});
