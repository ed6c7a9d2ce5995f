/**
 * Supervision meetings a member of staff records wait for their supervisor: only confirmed meetings clear the
 * overdue flag, a disputed one never does, and only the supervisor it names (or their PCN lead) may decide.
 * Someone nobody supervises reads "No supervisor", never "Up to date".
 */
import { subDays } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { recordMeeting } from "~/models/supervision.server";
import { endArrangement, listArrangements } from "~/models/user.server";
import * as dashboard from "~/routes/dashboard";
import * as home from "~/routes/_index";
import * as personPage from "~/routes/people.$personId._index";
import * as supervisionPage from "~/routes/people.$personId.supervision";
import * as meetingPage from "~/routes/people.$personId.supervision_.$meetingId";
import { getDb } from "~/lib/db.server";
import { makeArrangement, makePerson, makeTeam } from "../../scripts/lib/factories";
import { makeMeeting } from "../../scripts/lib/factories/compliance";
import { auditCount, expectRefused, makeWorld, ROLES, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const today = () => todayInLondon(new Date());
const daysAgo = (n: number) => formatCalendarDate(subDays(parseCalendarDate(today()), n));

/** What the coordinator types into the meeting form on their own supervision page. */
const meetingForm = (supervisorId: number, metOn: string) => ({
  supervisorId: String(supervisorId),
  metOn,
  minutes: "45",
  mode: "face-to-face",
  topics: "Caseload and training plans",
  actions: "None",
});

async function statusOf(personId: number, viewerId: number) {
  const page = await load(supervisionPage.loader, `/people/${personId}/supervision`, {
    cookie: await cookieFor(viewerId),
    params: { personId: String(personId) },
  });
  return page.data;
}

async function meetingRow(id: number) {
  return getDb().selectFrom("supervision_meetings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

const decide = async (personId: number, meetingId: number, viewerCookie: string, fields: Record<string, string>) =>
  submit(meetingPage.action, `/people/${personId}/supervision/${meetingId}`, fields, {
    cookie: viewerCookie,
    params: { personId: String(personId), meetingId: String(meetingId) },
  });

/** A team whose coordinator last met their supervisor 45 days ago (confirmed), so they are overdue. */
async function overdueTeam() {
  const db = getDb();
  const team = await makeTeam(db);
  await makeMeeting(db, team.coordinator, team.supervisor.id, { metOn: daysAgo(45) });
  return team;
}

describe("a meeting the member of staff records", () => {
  it("is pending and does not clear the overdue flag until the supervisor confirms it", async () => {
    const team = await overdueTeam();
    const { coordinator, supervisor } = team;
    const recorded = await submit(
      supervisionPage.action,
      `/people/${coordinator.id}/supervision`,
      meetingForm(supervisor.id, daysAgo(2)),
      {
        cookie: await cookieFor(coordinator.id),
        params: { personId: String(coordinator.id) },
      },
    );
    expect(recorded.location).toBe(`/people/${coordinator.id}/supervision`);
    expect(recorded.flash?.message).toBe(
      "Supervision meeting recorded. It counts towards supervision once your supervisor confirms it.",
    );

    const before = await statusOf(coordinator.id, coordinator.id);
    expect(before.status.state).toBe("overdue");
    expect(before.lastMeetingOn).toBe(daysAgo(45));
    const pending = before.meetings[0];
    expect(pending).toMatchObject({ metOn: daysAgo(2), status: "pending", canDecide: false });

    // The supervisor sees it waiting on their home page, with a link to decide.
    const supervisorHome = await load(home.loader, "/", { cookie: await cookieFor(supervisor.id) });
    expect(supervisorHome.data.meetingsToConfirm).toEqual([
      { id: pending.id, metOn: daysAgo(2), personId: coordinator.id, name: coordinator.name },
    ]);
    expect((await statusOf(coordinator.id, supervisor.id)).meetings[0].canDecide).toBe(true);

    const audits = await auditCount();
    const confirmed = await decide(coordinator.id, pending.id, await cookieFor(supervisor.id), { intent: "confirm" });
    expect(confirmed.location).toBe(`/people/${coordinator.id}/supervision`);
    expect(confirmed.flash?.message).toBe("Meeting confirmed");
    expect(await auditCount()).toBe(audits + 1);
    const audit = await getDb()
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      entity: "supervision_meeting",
      entity_id: String(pending.id),
      action: "confirm",
      actor_id: supervisor.id,
    });

    const after = await statusOf(coordinator.id, coordinator.id);
    expect(after.status.state).toBe("ok");
    expect(after.lastMeetingOn).toBe(daysAgo(2));
    expect((await load(home.loader, "/", { cookie: await cookieFor(supervisor.id) })).data.meetingsToConfirm).toEqual(
      [],
    );

    // Decided once: confirming again changes nothing.
    const again = await decide(coordinator.id, pending.id, await cookieFor(supervisor.id), { intent: "confirm" });
    expect(again.status).toBe(400);
    expect(again.data.errors.form).toBe("This meeting has already been confirmed");
  });

  it("stays disputed, with the reason, and never counts; a reason is required", async () => {
    const { coordinator, supervisor, lead } = await overdueTeam();
    const id = await recordMeeting(
      getDb(),
      coordinator,
      {
        supervisorId: supervisor.id,
        metOn: daysAgo(1),
        minutes: 30,
        mode: "virtual",
        topics: "Caseload",
        patientConcerns: false,
        safeguardingConcerns: false,
        actions: "None",
      },
      { id: coordinator.id, ip: null },
      false,
    );
    const cookie = await cookieFor(supervisor.id);

    const audits = await auditCount();
    const blank = await decide(coordinator.id, id, cookie, { intent: "dispute", reason: "   " });
    expect(blank.status).toBe(400);
    expect(blank.data.errors.reason).toBe("Enter why you dispute this meeting");
    const patientData = await decide(coordinator.id, id, cookie, {
      intent: "dispute",
      reason: "We discussed 943 476 5919",
    });
    expect(patientData.data.errors.reason).toMatch(/looks like an NHS number/);
    const unknownIntent = await decide(coordinator.id, id, cookie, { intent: "delete" });
    expect(unknownIntent.status).toBe(400);
    expect(await auditCount()).toBe(audits);
    expect((await meetingRow(id)).status).toBe("pending");

    const disputed = await decide(coordinator.id, id, cookie, {
      intent: "dispute",
      reason: "We did not meet that week: the meeting was cancelled.",
    });
    expect(disputed.location).toBe(`/people/${coordinator.id}/supervision`);
    expect(disputed.flash?.message).toBe("Meeting disputed");
    expect(await meetingRow(id)).toMatchObject({
      status: "disputed",
      decided_by: supervisor.id,
      dispute_reason: "We did not meet that week: the meeting was cancelled.",
    });

    const status = await statusOf(coordinator.id, coordinator.id);
    expect(status.status.state).toBe("overdue");
    expect(status.meetings[0]).toMatchObject({
      status: "disputed",
      disputeReason: "We did not meet that week: the meeting was cancelled.",
    });
    // Not even the lead can turn a disputed meeting into a confirmed one.
    const late = await decide(coordinator.id, id, await cookieFor(lead.id), { intent: "confirm" });
    expect(late.data.errors.form).toBe("This meeting has already been disputed");
    expect((await meetingRow(id)).status).toBe("disputed");
    const shown = await load(meetingPage.loader, `/people/${coordinator.id}/supervision/${id}`, {
      cookie: await cookieFor(coordinator.id),
      params: { personId: String(coordinator.id), meetingId: String(id) },
    });
    expect(shown.data.meeting).toMatchObject({ status: "disputed", decidedByName: supervisor.name });
    expect(shown.data.canDecide).toBe(false);
  });
});

describe("a meeting recorded by the supervisor or the lead", () => {
  it("is confirmed at once and clears the overdue flag", async () => {
    const { coordinator, supervisor, lead } = await overdueTeam();
    for (const recorder of [supervisor, lead]) {
      const recorded = await submit(
        supervisionPage.action,
        `/people/${coordinator.id}/supervision`,
        meetingForm(supervisor.id, daysAgo(recorder === lead ? 1 : 2)),
        {
          cookie: await cookieFor(recorder.id),
          params: { personId: String(coordinator.id) },
        },
      );
      expect(recorded.location).toBe(`/people/${coordinator.id}/supervision`);
      expect(recorded.flash?.message).toBe("Supervision meeting recorded");
    }
    const status = await statusOf(coordinator.id, coordinator.id);
    expect(status.meetings.map((m: { status: string }) => m.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
    expect(status.status.state).toBe("ok");
  });

  it("but one recorded by a second supervisor for a meeting with the first waits for the first", async () => {
    const db = getDb();
    const team = await overdueTeam();
    const second = await makePerson(db, { pcnId: team.pcn.id, roles: ["supervisor"], jobRole: null });
    await makeArrangement(db, team.coordinator, second.id);
    await submit(
      supervisionPage.action,
      `/people/${team.coordinator.id}/supervision`,
      meetingForm(team.supervisor.id, daysAgo(2)),
      {
        cookie: await cookieFor(second.id),
        params: { personId: String(team.coordinator.id) },
      },
    );
    const status = await statusOf(team.coordinator.id, team.supervisor.id);
    expect(status.meetings[0]).toMatchObject({ status: "pending", canDecide: true });
    expect(status.status.state).toBe("overdue");
  });
});

describe("who may see and decide a pending meeting", () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  const pendingMeeting = async () => {
    const { coordinator, supervisor } = world.home;
    return recordMeeting(
      getDb(),
      coordinator,
      {
        supervisorId: supervisor.id,
        metOn: daysAgo(3),
        minutes: 30,
        mode: "virtual",
        topics: "Caseload",
        patientConcerns: false,
        safeguardingConcerns: false,
        actions: "None",
      },
      { id: coordinator.id, ip: null },
      false,
    );
  };
  const viewAllowed = ["admin", "lead", "supervisor", "coordinator"];
  const decideAllowed = ["lead", "supervisor"];

  it.each(ROLES.map((r) => [r, viewAllowed.includes(r)] as const))(
    "GET the meeting page as %s (allowed: %s)",
    async (role, allowed) => {
      const id = await pendingMeeting();
      const personId = String(world.home.coordinator.id);
      const outcome = await load(meetingPage.loader, `/people/${personId}/supervision/${id}`, {
        cookie: world.cookies[role],
        params: { personId, meetingId: String(id) },
      });
      if (allowed) {
        expect(outcome.status).toBe(200);
        expect(outcome.data.canDecide).toBe(decideAllowed.includes(role));
      } else expectRefused(outcome, role);
    },
  );

  it.each(ROLES.map((r) => [r, decideAllowed.includes(r)] as const))(
    "POST confirm as %s (allowed: %s)",
    async (role, allowed) => {
      const id = await pendingMeeting();
      const before = await auditCount();
      const outcome = await decide(world.home.coordinator.id, id, world.cookies[role], { intent: "confirm" });
      if (allowed) {
        expect(outcome.status).toBe(302);
        expect((await meetingRow(id)).status).toBe("confirmed");
        expect(await auditCount()).toBe(before + 1);
      } else {
        expectRefused(outcome, role);
        expect((await meetingRow(id)).status).toBe("pending");
        expect(await auditCount()).toBe(before);
      }
    },
  );

  it("answers 404 for a guessed meeting id that belongs to someone else, or does not exist", async () => {
    const id = await pendingMeeting();
    const otherPerson = world.home.colleague.id;
    for (const [personId, meetingId] of [
      [otherPerson, id],
      [world.home.coordinator.id, 99_999_999],
      [world.other.coordinator.id, id],
    ] as const) {
      const params = { personId: String(personId), meetingId: String(meetingId) };
      const viewed = await load(meetingPage.loader, `/people/${personId}/supervision/${meetingId}`, {
        cookie: world.cookies.lead,
        params,
      });
      expect(viewed.status).toBe(404);
      const posted = await decide(personId, meetingId, world.cookies.lead, { intent: "confirm" });
      expect(posted.status).toBe(404);
    }
    const otherLead = await decide(world.home.coordinator.id, id, world.cookies.otherLead, { intent: "confirm" });
    expect(otherLead.status).toBe(404);
    expect((await meetingRow(id)).status).toBe("pending");
  });
});

describe("someone with no designated supervisor", () => {
  it("reads 'No supervisor' on their supervision page, the person page, the lead's home and dashboard, never 'Up to date'", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const alone = await makePerson(db, { pcnId: team.pcn.id, name: "Alone Nobody", startDate: daysAgo(5) });
    // A recent meeting with a supervisor whose arrangement has since ended does not make them "up to date".
    await makeArrangement(db, alone, team.supervisor.id);
    await makeMeeting(db, alone, team.supervisor.id, { metOn: daysAgo(1) });
    const [ended] = await listArrangements(db, alone.id);
    await endArrangement(
      db,
      { staffId: alone.id, arrangementId: ended!.id, endedOn: daysAgo(0), pcnId: alone.pcnId },
      {
        id: null,
      },
    );
    const lead = await cookieFor(team.lead.id);
    const params = { personId: String(alone.id) };

    expect((await statusOf(alone.id, team.lead.id)).status.state).toBe("no-supervisor");
    const person = await load(personPage.loader, `/people/${alone.id}`, { cookie: lead, params });
    expect(person.data.supervision.state).toBe("no-supervisor");
    const leadHome = await load(home.loader, "/", { cookie: lead });
    const due = leadHome.data.supervisionDue as { personId: number; status: { state: string } }[];
    expect(due.find((d) => d.personId === alone.id)?.status.state).toBe("no-supervisor");
    // Nobody to meet comes before any due date.
    expect(due.findIndex((d) => d.status.state !== "no-supervisor")).toBeGreaterThan(
      due.findIndex((d) => d.personId === alone.id),
    );
    const board = await load(dashboard.loader, "/dashboard?supervision=no-supervisor", { cookie: lead });
    expect(board.data.rows.map((r: { id: number }) => r.id)).toContain(alone.id);
    expect(
      board.data.rows.every((r: { supervision: { state: string } }) => r.supervision.state === "no-supervisor"),
    ).toBe(true);
    expect(board.data.summary.noSupervisor).toBeGreaterThanOrEqual(1);

    await makeArrangement(db, alone, team.supervisor.id);
    expect((await statusOf(alone.id, team.lead.id)).status.state).toBe("ok");
  });
});
