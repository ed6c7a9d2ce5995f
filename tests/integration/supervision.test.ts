/** Supervision meetings: who may record them, what the form refuses, and when supervision is due or overdue. */
import { addDays, subDays } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import * as dashboard from "~/routes/dashboard";
import * as supervisionPage from "~/routes/people.$personId.supervision";
import { supervisionDueFor } from "~/services/compliance-readiness.server";
import { getDb } from "~/lib/db.server";
import { makeMeeting } from "../../scripts/lib/factories/compliance";
import { makeArrangement, makePerson, makeTeam } from "../../scripts/lib/factories";
import { describeAccess, makeWorld, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

let world: World;
const today = () => todayInLondon(new Date());
const daysAgo = (n: number) => formatCalendarDate(subDays(parseCalendarDate(today()), n));
const meetingCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("supervision_meetings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  world = await makeWorld();
});

const home = () => world.home.coordinator;
const path = () => `/people/${home().id}/supervision`;
const params = () => ({ personId: String(home().id) });
const valid = () => ({
  supervisorId: String(world.home.supervisor.id),
  metOn: daysAgo(2),
  minutes: "45",
  mode: "virtual",
  topics: "Caseload, a difficult hospital discharge, and training plans",
  concerns: ["safeguardingConcerns"],
  actions: "Book safeguarding level 3 training",
});

describeAccess([
  {
    name: "GET /people/:id/supervision",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) => load(supervisionPage.loader, path(), { cookie: world.cookies[r], params: params() }),
  },
  {
    name: "POST /people/:id/supervision (record a meeting)",
    allowed: ["lead", "supervisor", "coordinator"],
    mutates: true,
    run: (r) => submit(supervisionPage.action, path(), valid(), { cookie: world.cookies[r], params: params() }),
  },
]);

describe("the meeting form refuses bad input with a field message and saves nothing", () => {
  it.each([
    ["0 minutes", { minutes: "0" }, "minutes", "Length must be 5 minutes or more"],
    ["2000 minutes", { minutes: "2000" }, "minutes", "Length must be 600 minutes (10 hours) or less"],
    ["part minutes", { minutes: "45.5" }, "minutes", "Length must be a whole number of minutes, like 45"],
    ["no length", { minutes: "" }, "minutes", "Enter how long the meeting lasted, in minutes"],
    ["no supervisor", { supervisorId: "" }, "supervisorId", "Select the supervisor you met"],
    [
      "a supervisor who is not designated for this person",
      { supervisorId: "__other__" },
      "supervisorId",
      "Select the supervisor you met",
    ],
    [
      "a date in the future",
      { metOn: "__tomorrow__" },
      "metOn",
      "The date of the meeting must be today or in the past",
    ],
    ["no way of meeting", { mode: "" }, "mode", "Select whether you met face to face or virtually"],
    ["no topics", { topics: "" }, "topics", "Enter the topics discussed"],
    ["no actions", { actions: "" }, "actions", "Enter the actions agreed, or ‘None’"],
    [
      "an NHS number in the topics",
      { topics: "Discussed 943 476 5919 at length" },
      "topics",
      "Remove patient details: “943 476 5919” looks like an NHS number",
    ],
    [
      "a phone number in the actions",
      { actions: "Call back on 07700 900123" },
      "actions",
      "Remove patient details: “07700 900123” looks like a phone number",
    ],
  ])("%s", async (_, change, field, message) => {
    const before = await meetingCount();
    const fields: Record<string, string | string[]> = { ...valid(), ...change };
    if (fields.supervisorId === "__other__") fields.supervisorId = String(world.other.supervisor.id);
    if (fields.metOn === "__tomorrow__") fields.metOn = formatCalendarDate(addDays(parseCalendarDate(today()), 1));
    const outcome = await submit(supervisionPage.action, path(), fields, {
      cookie: world.cookies.supervisor,
      params: params(),
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors[field]).toBe(message);
    expect(outcome.data.values.topics).toBe(fields.topics);
    expect(await meetingCount()).toBe(before);
  });

  it("refuses to record a meeting for someone with no designated supervisor", async () => {
    const lonely = await makePerson(getDb(), { pcnId: world.home.pcn.id });
    const before = await meetingCount();
    const outcome = await submit(supervisionPage.action, `/people/${lonely.id}/supervision`, valid(), {
      cookie: world.cookies.lead,
      params: { personId: String(lonely.id) },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.form).toMatch(/has no designated supervisor/);
    expect(await meetingCount()).toBe(before);
  });
});

describe("recording and listing", () => {
  it("keeps the flags (never details), who supervised and who recorded it", async () => {
    const { coordinator, supervisor } = await makeTeam(getDb());
    const cookie = await cookieFor(coordinator.id);
    const p = { personId: String(coordinator.id) };
    const recorded = await submit(
      supervisionPage.action,
      `/people/${coordinator.id}/supervision`,
      { ...valid(), supervisorId: String(supervisor.id) },
      { cookie, params: p },
    );
    expect(recorded.status).toBe(302);
    const page = await load(supervisionPage.loader, `/people/${coordinator.id}/supervision`, { cookie, params: p });
    expect(page.data.meetings).toHaveLength(1);
    expect(page.data.meetings[0]).toMatchObject({
      metOn: daysAgo(2),
      minutes: 45,
      mode: "virtual",
      patientConcerns: false,
      safeguardingConcerns: true,
      supervisorName: supervisor.name,
      recordedByName: coordinator.name,
      status: "pending",
    });
    // Recorded by the member of staff, it counts only once their supervisor confirms it.
    expect(page.data.lastMeetingOn).toBeNull();
  });
});

describe("cadence", () => {
  async function statusFor(fte: number | null, lastMeetingDaysAgo: number | null, startDaysAgo = 400) {
    const db = getDb();
    const team = await makeTeam(db);
    const person = await makePerson(db, { pcnId: team.pcn.id, fte, startDate: daysAgo(startDaysAgo) });
    await makeArrangement(db, person, team.supervisor.id);
    if (lastMeetingDaysAgo !== null)
      await makeMeeting(db, person, team.supervisor.id, { metOn: daysAgo(lastMeetingDaysAgo) });
    const outcome = await load(supervisionPage.loader, `/people/${person.id}/supervision`, {
      cookie: await cookieFor(team.supervisor.id),
      params: { personId: String(person.id) },
    });
    return { ...outcome.data, team, person };
  }

  it("full time: due 31 days after the last meeting; overdue the day after", async () => {
    expect((await statusFor(1, 31)).status).toMatchObject({ state: "due-soon", dueOn: today(), daysOverdue: 0 });
    expect((await statusFor(1, 32)).status).toMatchObject({ state: "overdue", daysOverdue: 1 });
  });

  it("a missing FTE counts as full time", async () => {
    const data = await statusFor(null, 10);
    expect(data.intervalDays).toBe(31);
    expect(data.status).toMatchObject({
      state: "ok",
      dueOn: formatCalendarDate(addDays(parseCalendarDate(daysAgo(10)), 31)),
    });
  });

  it("0.4 FTE meets every 78 days (31 ÷ 0.4, rounded)", async () => {
    const data = await statusFor(0.4, 60);
    expect(data.intervalDays).toBe(78);
    expect(data.status).toMatchObject({
      state: "ok",
      dueOn: formatCalendarDate(addDays(parseCalendarDate(daysAgo(60)), 78)),
    });
    expect((await statusFor(0.4, 79)).status.state).toBe("overdue");
  });

  it("with no meeting yet, counts from the start date", async () => {
    expect((await statusFor(1, null, 10)).status).toMatchObject({
      state: "ok",
      dueOn: formatCalendarDate(addDays(parseCalendarDate(daysAgo(10)), 31)),
    });
  });

  it("flags overdue supervision to the person, their supervisor and their lead", async () => {
    const { team, person, status } = await statusFor(1, 45);
    // The rest of the team met recently, so only this person is overdue.
    await makeArrangement(getDb(), team.colleague, team.supervisor.id);
    for (const other of [team.coordinator, team.colleague])
      await makeMeeting(getDb(), other, team.supervisor.id, { metOn: daysAgo(3) });
    expect(status).toMatchObject({ state: "overdue", daysOverdue: 14 });
    const own = await load(supervisionPage.loader, `/people/${person.id}/supervision`, {
      cookie: await cookieFor(person.id),
      params: { personId: String(person.id) },
    });
    expect(own.data.status.state).toBe("overdue");
    const lead = await load(dashboard.loader, "/dashboard?supervision=overdue", {
      cookie: await cookieFor(team.lead.id),
    });
    expect(lead.data.rows.map((r: { id: number }) => r.id)).toEqual([person.id]);
    expect(lead.data.summary.supervisionOverdue).toBe(1);
  });

  it("lists, most overdue first, only the people whose supervision is overdue or due soon (for home pages)", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const late = await makePerson(db, { pcnId: team.pcn.id, name: "Late Later", startDate: daysAgo(300) });
    await makeArrangement(db, late, team.supervisor.id);
    await makeArrangement(db, team.colleague, team.supervisor.id);
    await makeMeeting(db, team.coordinator, team.supervisor.id, { metOn: daysAgo(40) });
    await makeMeeting(db, late, team.supervisor.id, { metOn: daysAgo(60) });
    await makeMeeting(db, team.colleague, team.supervisor.id, { metOn: daysAgo(2) });
    const due = await supervisionDueFor(db, [team.coordinator, late, team.colleague], today());
    expect(due.map((d) => [d.name, d.status.state, d.status.daysOverdue])).toEqual([
      ["Late Later", "overdue", 29],
      [team.coordinator.name, "overdue", 9],
    ]);
  });
});
