/**
 * Appraisals: who may see and do what (guessing another person's appraisal id answers 404), refused input saves
 * nothing, changes before confirmation are versioned and audited, nobody changes a confirmed appraisal, objectives
 * become agreed goals, the prepared summary counts what an independent count finds, and a leaver's purge removes
 * their appraisals.
 */
import { addDays } from "date-fns";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { confirmAppraisal, createAppraisal, type AppraisalInput } from "~/models/appraisals.server";
import { actOnGoal, createGoal } from "~/models/goals.server";
import { rateCompetency } from "~/models/ratings.server";
import { purgeDevelopment } from "~/models/development-records.server";
import { recordSignoff } from "~/models/signoff.server";
import * as appraisalPage from "~/routes/people.$personId.appraisals.$appraisalId";
import * as listPage from "~/routes/people.$personId.appraisals._index";
import * as newPage from "~/routes/people.$personId.appraisals.new";
import * as planPage from "~/routes/people.$personId.development-plan._index";
import { makeArrangement, makePerson, makeTeam } from "../../scripts/lib/factories";
import { makeCpd, makeMeeting, makeTraining } from "../../scripts/lib/factories/compliance";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { auditCount, describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";
import { count } from "./independent-count";

const today = () => todayInLondon(new Date());
const inDays = (n: number) => formatCalendarDate(addDays(parseCalendarDate(today()), n));
const dateParts = (name: string, iso: string) => ({
  [`${name}-day`]: iso.slice(8),
  [`${name}-month`]: iso.slice(5, 7),
  [`${name}-year`]: iso.slice(0, 4),
});
/** The appraisal year that ended most recently before this one (2025/26 while 2026/27 runs). */
const LAST_YEAR = (() => {
  const start = Number(today().slice(0, 4)) - (today().slice(5) >= "04-01" ? 1 : 2);
  return {
    label: `${start}/${String((start + 1) % 100).padStart(2, "0")}`,
    start: `${start}-04-01`,
    end: `${start + 1}-03-31`,
  };
})();

const input = (objectives: AppraisalInput["objectives"] = []): AppraisalInput => ({
  heldOn: today(),
  periodStart: LAST_YEAR.start,
  periodEnd: LAST_YEAR.end,
  summary: "A good year: took on the frailty caseload.",
  objectives,
});

const appraisalForm = (extra: Record<string, string> = {}) => ({
  ...dateParts("heldOn", today()),
  period: LAST_YEAR.label,
  summary: "Discussed the year and agreed what comes next.",
  objective1Title: "Lead the frailty huddle",
  ...dateParts("objective1Date", inDays(90)),
  ...extra,
});

let world: World;
const owner = () => world.home.coordinator;
const appraiser = () => world.home.supervisor;
const params = (extra: Record<string, string> = {}) => ({ personId: String(owner().id), ...extra });

/** A fresh appraisal per role, so each role's attempt starts from the same state. */
const perRole: Record<"draft" | "awaiting", Partial<Record<Role, number>>> = { draft: {}, awaiting: {} };
let otherAppraisal: number;

async function awaitingPerson(objectives: AppraisalInput["objectives"] = []) {
  const id = await createAppraisal(getDb(), owner(), input(objectives), { id: appraiser().id });
  const step = { action: "appraiser-confirm" as const, role: "appraiser" as const };
  expect(await confirmAppraisal(getDb(), owner(), id, step, { id: appraiser().id })).toEqual({
    ok: true,
    appraisalId: id,
  });
  return id;
}

beforeAll(async () => {
  world = await makeWorld();
  for (const role of ROLES) {
    perRole.draft[role] = await createAppraisal(getDb(), owner(), input(), { id: appraiser().id });
    perRole.awaiting[role] = await awaitingPerson();
  }
  otherAppraisal = await createAppraisal(getDb(), world.other.coordinator, input(), { id: world.other.supervisor.id });
});

afterEach(() => {
  vi.useRealTimers();
});

const step = (kind: "draft" | "awaiting", fields: Record<string, string>) => (r: Role) => {
  const id = String(perRole[kind][r]);
  return submit(appraisalPage.action, `/people/${owner().id}/appraisals/${id}`, fields, {
    cookie: world.cookies[r],
    params: params({ appraisalId: id }),
  });
};

describeAccess([
  {
    name: "GET /people/:id/appraisals",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(listPage.loader, `/people/${owner().id}/appraisals`, { cookie: world.cookies[r], params: params() }),
  },
  {
    name: "GET /people/:id/appraisals/new",
    allowed: ["supervisor"],
    run: (r) =>
      load(newPage.loader, `/people/${owner().id}/appraisals/new`, { cookie: world.cookies[r], params: params() }),
  },
  {
    name: "POST /people/:id/appraisals/new",
    allowed: ["supervisor"],
    mutates: true,
    run: (r) =>
      submit(newPage.action, `/people/${owner().id}/appraisals/new`, appraisalForm(), {
        cookie: world.cookies[r],
        params: params(),
      }),
  },
  {
    name: "GET /people/:id/appraisals/:appraisalId",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) => {
      const id = String(perRole.draft.admin);
      return load(appraisalPage.loader, `/people/${owner().id}/appraisals/${id}`, {
        cookie: world.cookies[r],
        params: params({ appraisalId: id }),
      });
    },
  },
  {
    name: "POST /people/:id/appraisals/:appraisalId (edit)",
    allowed: ["supervisor"],
    mutates: true,
    run: step("draft", { intent: "edit", ...appraisalForm({ summary: "Changed wording" }) }),
  },
  {
    name: "POST /people/:id/appraisals/:appraisalId (appraiser-confirm)",
    allowed: ["supervisor"],
    mutates: true,
    run: step("draft", { intent: "appraiser-confirm" }),
  },
  {
    name: "POST /people/:id/appraisals/:appraisalId (person-confirm)",
    allowed: ["coordinator"],
    mutates: true,
    run: step("awaiting", { intent: "person-confirm" }),
  },
]);

describe("another person's appraisal", () => {
  it("answers 404 when its id is put under someone else's page, even to that person and their appraiser", async () => {
    for (const role of ["coordinator", "supervisor"] as const) {
      const page = await load(appraisalPage.loader, `/people/${owner().id}/appraisals/${otherAppraisal}`, {
        cookie: world.cookies[role],
        params: params({ appraisalId: String(otherAppraisal) }),
      });
      expect(page.status).toBe(404);
      const before = await auditCount();
      const confirm = await submit(
        appraisalPage.action,
        `/people/${owner().id}/appraisals/${otherAppraisal}`,
        { intent: "appraiser-confirm" },
        { cookie: world.cookies[role], params: params({ appraisalId: String(otherAppraisal) }) },
      );
      expect(confirm.status).toBe(404);
      expect(await auditCount()).toBe(before);
    }
  });
});

const tableCount = (table: "appraisals" | "appraisal_versions") => count(`SELECT count(*) FROM ${table}`);

describe("refused input", () => {
  it("gets field errors and saves nothing", async () => {
    const before = [tableCount("appraisals"), tableCount("appraisal_versions"), await auditCount()];
    const refused = await submit(
      newPage.action,
      `/people/${owner().id}/appraisals/new`,
      {
        ...dateParts("heldOn", inDays(2)),
        period: "2031/33",
        summary: " ",
        objective1Title: "Lead the frailty huddle",
        objective2Title: "",
        ...dateParts("objective2Date", inDays(30)),
        ...dateParts("objective3Date", inDays(-30)),
        objective3Title: "Something already late",
      },
      { cookie: world.cookies.supervisor, params: params() },
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({
      heldOn: "The date of the appraisal must be today or in the past",
      period: expect.stringMatching(/^Enter an appraisal year like /),
      summary: "Enter a summary of the appraisal",
      objective1Date: "Enter the target date of objective 1",
      objective2Title: "Enter objective 2",
      objective3Date: expect.stringMatching(/^The target date of objective 3 must be on or after /),
    });
    const early = await submit(
      newPage.action,
      `/people/${owner().id}/appraisals/new`,
      appraisalForm(dateParts("heldOn", "2020-01-10")),
      { cookie: world.cookies.supervisor, params: params() },
    );
    expect(early.data.errors).toEqual({
      heldOn: "The date of the appraisal must be on or after the start of the period it looks back on",
    });
    const patient = await submit(
      newPage.action,
      `/people/${owner().id}/appraisals/new`,
      appraisalForm({ summary: "Discussed the call with NHS number 943 476 5919" }),
      { cookie: world.cookies.supervisor, params: params() },
    );
    expect(Object.keys(patient.data.errors)).toEqual(["summary"]);
    const id = String(perRole.draft.colleague);
    const edit = await submit(
      appraisalPage.action,
      `/people/${owner().id}/appraisals/${id}`,
      { intent: "edit", ...appraisalForm({ summary: "" }) },
      { cookie: world.cookies.supervisor, params: params({ appraisalId: id }) },
    );
    expect(edit.data.errors).toEqual({ summary: "Enter a summary of the appraisal" });
    expect([tableCount("appraisals"), tableCount("appraisal_versions"), await auditCount()]).toEqual(before);
  });
});

describe("the appraisal record", () => {
  it("keeps each version, locks once confirmed, and turns objectives into agreed goals naming it", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const [personCookie, appraiserCookie] = [await cookieFor(person.id), await cookieFor(team.supervisor.id)];
    const made = await submit(newPage.action, `/people/${person.id}/appraisals/new`, appraisalForm(), {
      cookie: appraiserCookie,
      params: { personId: String(person.id) },
    });
    expect(made.status).toBe(302);
    const id = Number(made.location!.split("/").at(-1));
    const at = { personId: String(person.id), appraisalId: String(id) };
    const path = `/people/${person.id}/appraisals/${id}`;
    const post = (cookie: string, fields: Record<string, string>) =>
      submit(appraisalPage.action, path, fields, { cookie, params: at });
    const changed = await post(appraiserCookie, {
      intent: "edit",
      ...appraisalForm({
        objective2Title: "Shadow the mental health practitioner",
        ...dateParts("objective2Date", inDays(120)),
      }),
    });
    expect(changed.status).toBe(302);
    expect(count("SELECT count(*) FROM appraisal_versions WHERE appraisal_id = ?", id)).toBe(2);
    expect(
      count(
        "SELECT count(*) FROM audit_log WHERE entity = 'appraisal' AND entity_id = ? AND action = 'edit'",
        String(id),
      ),
    ).toBe(1);

    // The person cannot confirm a draft: the appraiser confirms first, which locks it.
    const early = await post(personCookie, { intent: "person-confirm" });
    expect(early.status).toBe(400);
    expect(early.data.errors.form).toBe("This appraisal is a draft, so it cannot be confirmed by the person.");
    await post(appraiserCookie, { intent: "appraiser-confirm" });
    const audits = await auditCount();
    const locked = await post(appraiserCookie, {
      intent: "edit",
      ...appraisalForm({ summary: "Rewritten after the event" }),
    });
    expect(locked.status).toBe(400);
    expect(locked.data.errors.form).toBe("This appraisal is confirmed by the appraiser, so it cannot be changed.");
    expect(await auditCount()).toBe(audits);
    expect(count("SELECT count(*) FROM appraisal_versions WHERE appraisal_id = ?", id)).toBe(2);

    const done = await post(personCookie, { intent: "person-confirm" });
    expect(done.status).toBe(302);
    const page = await load(appraisalPage.loader, path, { cookie: personCookie, params: at });
    expect(page.data.appraisal).toMatchObject({ status: "confirmed", version: 2 });
    expect(page.data.actions).toEqual([]);
    expect(page.data.appraisal.goals.map((g: { title: string }) => g.title)).toEqual([
      "Lead the frailty huddle",
      "Shadow the mental health practitioner",
    ]);
    const goals = await db
      .selectFrom("development_goals")
      .select(["appraisal_id", "agreed_by", "status", "target_date"])
      .where("person_id", "=", person.id)
      .orderBy("id")
      .execute();
    expect(goals).toEqual([
      { appraisal_id: id, agreed_by: team.supervisor.id, status: "not-started", target_date: inDays(90) },
      { appraisal_id: id, agreed_by: team.supervisor.id, status: "not-started", target_date: inDays(120) },
    ]);
    const plan = await load(planPage.loader, `/people/${person.id}/development-plan`, {
      cookie: personCookie,
      params: { personId: String(person.id) },
    });
    expect(plan.data.goals.map((g: { title: string }) => g.title)).toContain("Lead the frailty huddle");
    // Nobody changes a confirmed appraisal, the appraiser included.
    const after = await post(appraiserCookie, { intent: "appraiser-confirm" });
    expect(after.status).toBe(400);
  });

  it("is recorded by the line manager where one is recorded, who may then see it though nothing else of the person", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const manager = await makePerson(db, { pcnId: team.pcn.id, roles: ["coordinator"] });
    await makeArrangement(db, team.coordinator, manager.id, "line-manager");
    const [managerCookie, supervisorCookie] = [await cookieFor(manager.id), await cookieFor(team.supervisor.id)];
    const at = { personId: String(team.coordinator.id) };
    const made = await submit(newPage.action, `/people/${team.coordinator.id}/appraisals/new`, appraisalForm(), {
      cookie: managerCookie,
      params: at,
    });
    expect(made.status).toBe(302);
    const list = await load(listPage.loader, `/people/${team.coordinator.id}/appraisals`, {
      cookie: supervisorCookie,
      params: at,
    });
    expect(list.data).toMatchObject({ role: "other", appraisers: [manager.name], total: 1 });
    const refused = await load(newPage.loader, `/people/${team.coordinator.id}/appraisals/new`, {
      cookie: supervisorCookie,
      params: at,
    });
    expect(refused.status).toBe(404);
  });
});

describe("the prepared summary", () => {
  // The period's first and last moments in England (summer time on both days) and just outside them, written out.
  const FIRST_IN = "2025-03-31T23:30:00.000Z"; // 00:30 on 1 April 2025
  const BEFORE = "2025-03-31T22:30:00.000Z"; // 23:30 on 31 March 2025
  const LAST_IN = "2026-03-31T22:30:00.000Z"; // 23:30 on 31 March 2026
  const AFTER = "2026-03-31T23:30:00.000Z"; // 00:30 on 1 April 2026
  const FROM = "2025-03-31T23:00:00.000Z";
  const UNTIL = "2026-03-31T23:00:00.000Z";
  const DATES = ["2025-04-01", "2025-03-31", "2026-03-31", "2026-04-01"];

  it("counts what the period holds, as an independent count finds, on its first and last days and not outside", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const reviewer = team.supervisor.id;
    const competencies = ["pc-1", "pc-2", "rel-1", "rel-2"];
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const [i, instant] of [FIRST_IN, BEFORE, LAST_IN, AFTER].entries()) {
      vi.setSystemTime(new Date(instant));
      const competencyId = competencies[i]!;
      await makeEvidence(
        db,
        person,
        { competencyIds: [competencyId], activityDate: "2025-03-01" },
        {
          outcome: "accepted",
          reviewerId: reviewer,
        },
      );
      const signed = await recordSignoff(
        db,
        {
          userId: person.id,
          pcnId: person.pcnId,
          competencyId,
          action: "sign-off",
          comment: "Seen",
          frameworkVersion: "t",
        },
        { id: reviewer },
      );
      expect(signed).toEqual({ ok: true });
      await rateCompetency(
        db,
        person,
        { competencyId, level: "competent", note: null },
        { framework: "t", scale: "t" },
        {
          id: person.id,
        },
      );
      const goal = await createGoal(
        db,
        person,
        {
          title: `Goal ${i}`,
          reason: "r",
          competencyIds: [],
          methods: [],
          trainingRequirementId: null,
          howDetails: null,
          targetDate: "2026-06-30",
        },
        { id: person.id },
      );
      const context = { today: instant.slice(0, 10), startMonth: 4, text: null };
      await actOnGoal(db, person, goal, { action: "achieve", role: "owner", ...context }, { id: person.id });
    }
    vi.useRealTimers();
    const requirements = [
      "information-governance",
      "safeguarding-adults",
      "safeguarding-children",
      "consent-and-mental-capacity",
    ];
    for (const [i, date] of DATES.entries()) {
      await makeTraining(db, person, requirements[i]!, { completedOn: date });
      await makeCpd(db, person, { activityDate: date, hours: 1.5, type: i < 2 ? "reading" : "webinar" });
      await makeMeeting(db, person, reviewer, { metOn: date });
    }
    const id = await createAppraisal(db, person, input(), { id: reviewer });
    const page = await load(appraisalPage.loader, `/people/${person.id}/appraisals/${id}`, {
      cookie: await cookieFor(reviewer),
      params: { personId: String(person.id), appraisalId: String(id) },
    });
    expect(page.status).toBe(200);
    const prepared = page.data.prepared;
    const between = "at >= ? AND at < ?";
    const independent = {
      evidenceAccepted: count(
        `SELECT count(DISTINCT r.evidence_id) FROM evidence_reviews r JOIN evidence_items e ON e.id = r.evidence_id WHERE e.owner_id = ? AND r.action = 'accept' AND r.${between}`,
        person.id,
        FROM,
        UNTIL,
      ),
      signOffs: count(
        `SELECT count(*) FROM competency_signoffs WHERE user_id = ? AND action = 'sign-off' AND ${between}`,
        person.id,
        FROM,
        UNTIL,
      ),
      ratings: count(
        "SELECT count(*) FROM competency_ratings WHERE person_id = ? AND rated_at >= ? AND rated_at < ?",
        person.id,
        FROM,
        UNTIL,
      ),
      trainingDone: count(
        "SELECT count(*) FROM training_records WHERE user_id = ? AND status = 'completed' AND completed_on BETWEEN '2025-04-01' AND '2026-03-31'",
        person.id,
      ),
      meetings: count(
        "SELECT count(*) FROM supervision_meetings WHERE staff_id = ? AND status = 'confirmed' AND met_on BETWEEN '2025-04-01' AND '2026-03-31'",
        person.id,
      ),
      goalsAchieved: count(
        `SELECT count(*) FROM development_goal_updates u JOIN development_goals g ON g.id = u.goal_id WHERE g.person_id = ? AND u.action = 'achieve' AND u.${between}`,
        person.id,
        FROM,
        UNTIL,
      ),
      cpdHours: count(
        "SELECT sum(hours) FROM cpd_entries WHERE user_id = ? AND activity_date BETWEEN '2025-04-01' AND '2026-03-31'",
        person.id,
      ),
      readingHours: count(
        "SELECT sum(hours) FROM cpd_entries WHERE user_id = ? AND type = 'reading' AND activity_date BETWEEN '2025-04-01' AND '2026-03-31'",
        person.id,
      ),
    };
    // Of each kind, the records on the first and last days count; those a moment outside do not.
    expect(independent).toEqual({
      evidenceAccepted: 2,
      signOffs: 2,
      ratings: 2,
      trainingDone: 2,
      meetings: 2,
      goalsAchieved: 2,
      cpdHours: 3,
      readingHours: 1.5,
    });
    expect({
      evidenceAccepted: prepared.evidenceAccepted,
      signOffs: prepared.signOffs,
      ratings: prepared.ratings,
      trainingDone: prepared.trainingDone,
      meetings: prepared.meetings,
      goalsAchieved: prepared.goalsAchieved,
      cpdHours: prepared.cpdHours,
      readingHours: prepared.cpdByType.find((c: { type: string }) => c.type === "reading").hours,
    }).toEqual(independent);
    // A full-time member of staff in post all year: one meeting per 31 days of the 365.
    expect(prepared.meetingsExpected).toBe(11);
    expect(page.data.pdfPeriod).toBe(LAST_YEAR.label);
  });
});

describe("a leaver's purge", () => {
  it("deletes their appraisals with every version, and the goals that named them first", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const id = await createAppraisal(db, person, input([{ title: "An objective", targetDate: inDays(30) }]), {
      id: team.supervisor.id,
    });
    await confirmAppraisal(
      db,
      person,
      id,
      { action: "appraiser-confirm", role: "appraiser" },
      { id: team.supervisor.id },
    );
    await confirmAppraisal(db, person, id, { action: "person-confirm", role: "owner" }, { id: person.id });
    expect(count("SELECT count(*) FROM development_goals WHERE appraisal_id = ?", id)).toBe(1);
    const purged = await db.transaction().execute((trx) => purgeDevelopment(trx, person.id));
    expect(purged.counts).toMatchObject({ appraisals: 1, goals: 1 });
    expect(purged.records).toContainEqual({ entity: "appraisal", ids: [id] });
    expect(count("SELECT count(*) FROM appraisals WHERE person_id = ?", person.id)).toBe(0);
    expect(count("SELECT count(*) FROM appraisal_versions WHERE appraisal_id = ?", id)).toBe(0);
  });
});
