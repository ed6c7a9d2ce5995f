/**
 * Every form's dates come as the NHS date input's three boxes. Impossible dates (31 February), dates before 2000,
 * letters, missing parts and future dates where they cannot be get a message on the field and save nothing.
 */
import { addDays } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import * as audit from "~/routes/audit";
import * as evidenceNew from "~/routes/evidence.new";
import * as personPage from "~/routes/people.$personId._index";
import * as cpdPage from "~/routes/people.$personId.cpd._index";
import * as personEdit from "~/routes/people.$personId.edit";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as supervisionPage from "~/routes/people.$personId.supervision";
import * as trainingPage from "~/routes/people.$personId.training._index";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load, submit, submitMultipart, type Outcome } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let coordinatorCookie: string;
let leadCookie: string;

beforeAll(async () => {
  team = await makeTeam(getDb());
  coordinatorCookie = await cookieFor(team.coordinator.id);
  leadCookie = await cookieFor(team.lead.id);
});

/** The three boxes of a date input, as the browser posts them. */
const boxes = (name: string, day: string, month: string, year: string) => ({
  [`${name}-day`]: day,
  [`${name}-month`]: month,
  [`${name}-year`]: year,
});
const tomorrow = () => parseCalendarDate(formatCalendarDate(addDays(parseCalendarDate(todayInLondon(new Date())), 1)));

/** Each kind of bad date, with the message it gets (`what` is how the form names the date). */
function badDates(what: string, past: boolean): [string, [string, string, string], string][] {
  const t = tomorrow();
  const cases: [string, [string, string, string], string][] = [
    ["31 February", ["31", "2", "2026"], `The ${what} must be a real date`],
    ["a year before 2000", ["1", "3", "1899"], `The ${what} must be on or after 1 January 2000`],
    ["letters", ["ab", "3", "2026"], `The ${what} must be a real date`],
    ["a month in letters", ["3", "March", "2026"], `The ${what} must be a real date`],
    ["no month", ["3", "", "2026"], `The ${what} must include a month`],
    ["no day or year", ["", "3", ""], `The ${what} must include a day and year`],
    ["a two-digit year", ["3", "3", "26"], "Year must include 4 numbers"],
  ];
  if (past)
    cases.push([
      "tomorrow",
      [String(t.getDate()), String(t.getMonth() + 1), String(t.getFullYear())],
      `The ${what} must be today or in the past`,
    ]);
  return cases;
}

const count = async (
  table: "training_records" | "cpd_entries" | "supervision_meetings" | "evidence_items" | "supervision_arrangements",
) =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

interface FormUnderTest {
  name: string;
  field: string;
  what: string;
  past: boolean;
  table: Parameters<typeof count>[0];
  post: (date: Record<string, string>) => Promise<Outcome>;
  /** The date a good post stored, to check the three boxes became one "YYYY-MM-DD". */
  stored: () => Promise<string | null | undefined>;
}

const own = () => ({ params: { personId: String(team.coordinator.id) } });
const forms: FormUnderTest[] = [
  {
    name: "training",
    field: "completedOn",
    what: "date you completed the training",
    past: true,
    table: "training_records",
    post: (date) =>
      submit(
        trainingPage.action,
        "/x",
        { requirementId: "information-governance", status: "completed", ...date },
        { cookie: coordinatorCookie, ...own() },
      ),
    stored: async () =>
      (
        await getDb()
          .selectFrom("training_records")
          .select("completed_on")
          .where("user_id", "=", team.coordinator.id)
          .orderBy("id", "desc")
          .executeTakeFirst()
      )?.completed_on,
  },
  {
    name: "CPD",
    field: "activityDate",
    what: "date of the activity",
    past: true,
    table: "cpd_entries",
    post: (date) =>
      submit(
        cpdPage.action,
        "/x",
        {
          activity: "Webinar on social prescribing",
          ...date,
          hours: "1.5",
          type: "webinar",
          reflection: "Learned about referral routes.",
          competencyIds: [],
        },
        { cookie: coordinatorCookie, ...own() },
      ),
    stored: async () =>
      (
        await getDb()
          .selectFrom("cpd_entries")
          .select("activity_date")
          .where("user_id", "=", team.coordinator.id)
          .orderBy("id", "desc")
          .executeTakeFirst()
      )?.activity_date,
  },
  {
    name: "supervision meeting",
    field: "metOn",
    what: "date of the meeting",
    past: true,
    table: "supervision_meetings",
    post: (date) =>
      submit(
        supervisionPage.action,
        "/x",
        {
          supervisorId: String(team.supervisor.id),
          ...date,
          minutes: "45",
          mode: "virtual",
          topics: "Caseload",
          concerns: [],
          actions: "None",
        },
        { cookie: coordinatorCookie, ...own() },
      ),
    stored: async () =>
      (
        await getDb()
          .selectFrom("supervision_meetings")
          .select("met_on")
          .where("staff_id", "=", team.coordinator.id)
          .orderBy("id", "desc")
          .executeTakeFirst()
      )?.met_on,
  },
  {
    name: "evidence",
    field: "activityDate",
    what: "date of the activity",
    past: true,
    table: "evidence_items",
    post: (date) => {
      const form = new FormData();
      const fields = {
        title: "Arranging an MDT",
        type: "reflective-account",
        whatHappened: "Brought people together.",
        whatLearned: "Plan early.",
        whatNext: "Send the plan round.",
        ...date,
      };
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append("competencyIds", "pc-1");
      return submitMultipart(evidenceNew.action, "/evidence/new", form, { cookie: coordinatorCookie });
    },
    stored: async () =>
      (
        await getDb()
          .selectFrom("evidence_versions as v")
          .innerJoin("evidence_items as e", "e.id", "v.evidence_id")
          .select("v.activity_date")
          .where("e.owner_id", "=", team.coordinator.id)
          .orderBy("v.id", "desc")
          .executeTakeFirst()
      )?.activity_date,
  },
  {
    name: "supervision arrangement",
    field: "startedOn",
    what: "date the arrangement starts",
    past: false,
    table: "supervision_arrangements",
    post: (date) =>
      submit(
        personPage.action,
        "/x",
        { intent: "add-arrangement", kind: "line-manager", arrangementPersonId: String(team.lead.id), ...date },
        { cookie: leadCookie, params: { personId: String(team.colleague.id) } },
      ),
    stored: async () =>
      (
        await getDb()
          .selectFrom("supervision_arrangements")
          .select("started_on")
          .where("staff_id", "=", team.colleague.id)
          .orderBy("id", "desc")
          .executeTakeFirst()
      )?.started_on,
  },
];

describe.each(forms)("the $name form's date", (form) => {
  it.each(badDates(form.what, form.past))(
    "%s gets a message on the date and saves nothing",
    async (_, [day, month, year], message) => {
      const before = await count(form.table);
      const outcome = await form.post(boxes(form.field, day, month, year));
      expect(outcome.status).toBe(400);
      expect(outcome.data.errors[form.field]).toBe(message);
      // What was typed comes back, box by box, to be corrected.
      expect(outcome.data.values).toMatchObject(boxes(form.field, day, month, year));
      expect(await count(form.table)).toBe(before);
    },
  );

  it("a good date in three boxes is stored as that date", async () => {
    const outcome = await form.post(boxes(form.field, "7", "3", "2026"));
    expect(outcome.status, JSON.stringify(outcome.data)).toBeLessThan(400);
    expect(await form.stored()).toBe("2026-03-07");
  });
});

describe("a person's start date", () => {
  it.each(badDates("start date", false))(
    "%s gets a message and changes nothing",
    async (_, [day, month, year], message) => {
      const person = await makePerson(getDb(), { pcnId: team.pcn.id });
      const outcome = await submit(
        personEdit.action,
        "/x",
        {
          name: "Changed Name",
          email: person.email,
          roles: ["coordinator"],
          jobRole: "care-coordinator",
          ...boxes("startDate", day, month, year),
        },
        { cookie: leadCookie, params: { personId: String(person.id) } },
      );
      expect(outcome.data.errors.startDate).toBe(message);
      const row = await getDb()
        .selectFrom("users")
        .select(["name", "start_date"])
        .where("id", "=", person.id)
        .executeTakeFirstOrThrow();
      expect(row.name).not.toBe("Changed Name");
    },
  );

  it("may be in the future, for someone about to start", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    const t = tomorrow();
    await submit(
      personEdit.action,
      "/x",
      {
        name: person.name,
        email: person.email,
        roles: ["coordinator"],
        jobRole: "care-coordinator",
        ...boxes("startDate", String(t.getDate()), String(t.getMonth() + 1), String(t.getFullYear())),
      },
      { cookie: leadCookie, params: { personId: String(person.id) } },
    );
    expect(
      (await getDb().selectFrom("users").select("start_date").where("id", "=", person.id).executeTakeFirstOrThrow())
        .start_date,
    ).toBe(formatCalendarDate(t));
  });
});

describe("date filters on lists", () => {
  const query = (from: [string, string, string], to: [string, string, string]) =>
    "?" + new URLSearchParams({ ...boxes("from", ...from), ...boxes("to", ...to) }).toString();

  it("the audit trail: a 'to' date before the 'from' date is an error on 'to', not an empty list", async () => {
    const outcome = await load(audit.loader, `/audit${query(["1", "6", "2026"], ["1", "5", "2026"])}`, {
      cookie: leadCookie,
    });
    expect(outcome.data.errors).toEqual({ to: "The ‘to’ date must be the same as or after the ‘from’ date" });
    expect(outcome.data.filter.values).toMatchObject(boxes("to", "1", "5", "2026"));
  });

  it("the audit trail: 31 February and letters are errors on their own fields", async () => {
    const outcome = await load(audit.loader, `/audit${query(["31", "2", "2026"], ["x", "5", "2026"])}`, {
      cookie: leadCookie,
    });
    expect(outcome.data.errors).toEqual({
      from: "The ‘from’ date must be a real date",
      to: "The ‘to’ date must be a real date",
    });
  });

  it("the audit trail: a good range in three boxes filters the entries", async () => {
    const outcome = await load(audit.loader, `/audit${query(["1", "1", "2000"], ["31", "12", "2000"])}`, {
      cookie: leadCookie,
    });
    expect(outcome.data.errors).toBeUndefined();
    expect(outcome.data.total).toBe(0);
    const open = await load(audit.loader, `/audit${query(["1", "1", "2000"], ["", "", ""])}`, { cookie: leadCookie });
    expect(open.data.total).toBeGreaterThan(0);
  });

  it("the evidence list: a reversed range is an error, not an empty list", async () => {
    const outcome = await load(
      evidenceList.loader,
      `/people/${team.coordinator.id}/evidence${query(["1", "6", "2026"], ["1", "5", "2026"])}`,
      { cookie: coordinatorCookie, ...own() },
    );
    expect(outcome.data.range.errors).toEqual({ to: "The ‘to’ date must be the same as or after the ‘from’ date" });
  });
});

describe("dates that do not exist", () => {
  it("a start date of 31 February is refused on the person form", async () => {
    const params = { params: { personId: String(team.colleague.id) } };
    const outcome = await submit(
      personEdit.action,
      "/x",
      {
        name: "Colleague",
        email: team.colleague.email,
        roles: ["coordinator"],
        "startDate-day": "31",
        "startDate-month": "2",
        "startDate-year": "2026",
      },
      { cookie: leadCookie, ...params },
    );
    expect(outcome.data.errors).toEqual({ startDate: "The start date must be a real date" });
  });

  it("an arrangement left without a date starts today (in the UK); an impossible date is refused", async () => {
    const staff = await makePerson(getDb(), { pcnId: team.pcn.id });
    const params = { params: { personId: String(staff.id) } };
    const blank = await submit(
      personPage.action,
      "/x",
      {
        intent: "add-arrangement",
        kind: "line-manager",
        arrangementPersonId: String(team.lead.id),
        "startedOn-day": "",
        "startedOn-month": "",
        "startedOn-year": "",
      },
      { cookie: leadCookie, ...params },
    );
    expect(blank.flash).toEqual({ message: "Line manager recorded" });
    const row = await getDb()
      .selectFrom("supervision_arrangements")
      .select("started_on")
      .where("staff_id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(row.started_on).toBe(todayInLondon(new Date()));
    const impossible = await submit(
      personPage.action,
      "/x",
      {
        intent: "add-arrangement",
        kind: "first-contact",
        arrangementPersonId: String(team.lead.id),
        "startedOn-day": "31",
        "startedOn-month": "2",
        "startedOn-year": "2026",
      },
      { cookie: leadCookie, ...params },
    );
    expect(impossible.data.errors).toEqual({ startedOn: "The date the arrangement starts must be a real date" });
  });
});
