/**
 * Self-assessment and the personal development plan: who may see and do what (guessing another person's record
 * id answers 404), refused input changes nothing, history is kept, carry-forward at the year end, and the queries
 * the home page and the notifications job use.
 */
import { addDays } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { actOnGoal, carryForwardGoal, createGoal, goalsDueOrOverdue, type GoalInput } from "~/models/goals.server";
import { decideRating, rateCompetency, ratingsAwaitingSupervisor } from "~/models/ratings.server";
import * as goalPage from "~/routes/people.$personId.development-plan.$goalId";
import * as newGoalPage from "~/routes/people.$personId.development-plan.new";
import * as planPage from "~/routes/people.$personId.development-plan._index";
import * as ratingPage from "~/routes/people.$personId.self-assessment.$ratingId";
import * as assessmentPage from "~/routes/people.$personId.self-assessment._index";
import * as home from "~/routes/_index";
import { makeTeam } from "../../scripts/lib/factories";
import { auditCount, describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const today = () => todayInLondon(new Date());
const inDays = (n: number) => formatCalendarDate(addDays(parseCalendarDate(today()), n));
const VERSIONS = { framework: "test", scale: "test" };

let world: World;
const owner = () => world.home.coordinator;
const ownerParams = (extra: Record<string, string> = {}) => ({ personId: String(owner().id), ...extra });
const asOwner = { id: 0 };

const goalInput = (targetDate: string): GoalInput => ({
  title: "Lead a group session",
  reason: "People could support each other.",
  competencyIds: ["pc-1"],
  methods: ["shadowing"],
  trainingRequirementId: null,
  howDetails: null,
  targetDate,
});

async function awaitingRating(person: { id: number; pcnId: number | null }, competencyId = "pc-2") {
  const rating = { competencyId, level: "competent", note: null };
  const id = await rateCompetency(getDb(), person, rating, VERSIONS, { id: person.id });
  await decideRating(getDb(), person, id, { action: "request", role: "owner", comment: null }, { id: person.id });
  return id;
}

const newGoal = (person: { id: number; pcnId: number | null }, targetDate = inDays(60)) =>
  createGoal(getDb(), person, goalInput(targetDate), { id: person.id });

/** A fresh record per role, so each role's attempt starts from the same state. */
const perRole: Record<"rating" | "goal" | "startedGoal", Partial<Record<Role, number>>> = {
  rating: {},
  goal: {},
  startedGoal: {},
};
let otherRating: number;
let otherGoal: number;

const ONE_EACH = ["rel-1", "rel-2", "rel-3", "rel-4", "rel-5", "com-1", "com-2", "com-3"];

beforeAll(async () => {
  world = await makeWorld();
  asOwner.id = owner().id;
  // A rating per role, each of its own competency: a newer rating of the same one would replace it.
  for (const [i, role] of ROLES.entries()) {
    perRole.rating[role] = await awaitingRating(owner(), ONE_EACH[i]);
    perRole.goal[role] = await newGoal(owner());
    perRole.startedGoal[role] = await newGoal(owner());
  }
  otherRating = await awaitingRating(world.other.coordinator);
  otherGoal = await newGoal(world.other.coordinator);
});

const goalForm = () => ({
  title: "Learn the local referral pathways",
  reason: "So people get to the right service first time.",
  competencyIds: ["pc-1", "rel-1"],
  methods: ["shadowing", "training"],
  trainingRequirementId: "safeguarding-adults",
  howDetails: "",
  "targetDate-day": inDays(40).slice(8),
  "targetDate-month": inDays(40).slice(5, 7),
  "targetDate-year": inDays(40).slice(0, 4),
});

describeAccess([
  {
    name: "GET /people/:id/self-assessment",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(assessmentPage.loader, `/people/${owner().id}/self-assessment`, {
        cookie: world.cookies[r],
        params: ownerParams(),
      }),
  },
  {
    name: "POST /people/:id/self-assessment (rate)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(
        assessmentPage.action,
        `/people/${owner().id}/self-assessment`,
        { intent: "rate", competencyId: "pc-1", level: "developing", note: "" },
        { cookie: world.cookies[r], params: ownerParams() },
      ),
  },
  {
    name: "POST /people/:id/self-assessment/:ratingId (confirm)",
    allowed: ["supervisor"],
    mutates: true,
    run: (r) => {
      const id = String(perRole.rating[r]);
      return submit(
        ratingPage.action,
        `/people/${owner().id}/self-assessment/${id}`,
        { intent: "confirm" },
        {
          cookie: world.cookies[r],
          params: ownerParams({ ratingId: id }),
        },
      );
    },
  },
  {
    name: "GET /people/:id/development-plan",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(planPage.loader, `/people/${owner().id}/development-plan`, {
        cookie: world.cookies[r],
        params: ownerParams(),
      }),
  },
  {
    name: "POST /people/:id/development-plan/new",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) =>
      submit(newGoalPage.action, `/people/${owner().id}/development-plan/new`, goalForm(), {
        cookie: world.cookies[r],
        params: ownerParams(),
      }),
  },
  {
    name: "POST /people/:id/development-plan/:goalId (agree)",
    allowed: ["supervisor"],
    mutates: true,
    run: (r) => {
      const id = String(perRole.goal[r]);
      return submit(
        goalPage.action,
        `/people/${owner().id}/development-plan/${id}`,
        { intent: "agree" },
        {
          cookie: world.cookies[r],
          params: ownerParams({ goalId: id }),
        },
      );
    },
  },
  {
    name: "POST /people/:id/development-plan/:goalId (start)",
    allowed: ["coordinator"],
    mutates: true,
    run: (r) => {
      const id = String(perRole.startedGoal[r]);
      return submit(
        goalPage.action,
        `/people/${owner().id}/development-plan/${id}`,
        { intent: "start" },
        {
          cookie: world.cookies[r],
          params: ownerParams({ goalId: id }),
        },
      );
    },
  },
]);

describe("records of another person", () => {
  it("answer 404 when their id is put under someone else's page, even to that person's own supervisor", async () => {
    for (const role of ["coordinator", "supervisor"] as const) {
      const rating = await load(ratingPage.loader, `/people/${owner().id}/self-assessment/${otherRating}`, {
        cookie: world.cookies[role],
        params: ownerParams({ ratingId: String(otherRating) }),
      });
      expect(rating.status).toBe(404);
      const before = await auditCount();
      const goal = await submit(
        goalPage.action,
        `/people/${owner().id}/development-plan/${otherGoal}`,
        { intent: "agree" },
        {
          cookie: world.cookies[role],
          params: ownerParams({ goalId: String(otherGoal) }),
        },
      );
      expect(goal.status).toBe(404);
      expect(await auditCount()).toBe(before);
    }
  });
});

describe("refused input", () => {
  it("a rating without a level, or a goal without what, competencies or a future date, gets field errors and saves nothing", async () => {
    const db = getDb();
    const count = async (table: "competency_ratings" | "development_goals") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [ratings, goals, audits] = [
      await count("competency_ratings"),
      await count("development_goals"),
      await auditCount(),
    ];
    const rating = await submit(
      assessmentPage.action,
      `/people/${owner().id}/self-assessment`,
      { intent: "rate", competencyId: "no-such", level: "" },
      { cookie: world.cookies.coordinator, params: ownerParams() },
    );
    expect(rating.status).toBe(400);
    expect(rating.data.errors).toEqual({
      competencyId: "Select the competency you are rating",
      level: "Select the level that describes you best",
    });
    const goal = await submit(
      newGoalPage.action,
      `/people/${owner().id}/development-plan/new`,
      { ...goalForm(), title: "", competencyIds: [], "targetDate-year": "2020" },
      { cookie: world.cookies.coordinator, params: ownerParams() },
    );
    expect(goal.status).toBe(400);
    expect(Object.keys(goal.data.errors).sort()).toEqual(["competencyIds", "targetDate", "title"]);
    const noTraining = await submit(
      newGoalPage.action,
      `/people/${owner().id}/development-plan/new`,
      { ...goalForm(), trainingRequirementId: "" },
      { cookie: world.cookies.coordinator, params: ownerParams() },
    );
    expect(noTraining.data.errors).toEqual({ trainingRequirementId: "Select the training you will do" });
    const unreasoned = await submit(
      goalPage.action,
      `/people/${owner().id}/development-plan/${perRole.goal.colleague}`,
      { intent: "drop", dropReason: " " },
      { cookie: world.cookies.coordinator, params: ownerParams({ goalId: String(perRole.goal.colleague) }) },
    );
    expect(unreasoned.data.errors).toEqual({ dropReason: "Enter why you are dropping this goal" });
    expect([await count("competency_ratings"), await count("development_goals"), await auditCount()]).toEqual([
      ratings,
      goals,
      audits,
    ]);
  });
});

describe("ratings", () => {
  it("keep their history: rating again adds a rating, and the page shows the latest beside the last confirmed", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const first = await rateCompetency(
      db,
      person,
      { competencyId: "pc-1", level: "developing", note: null },
      VERSIONS,
      { id: person.id },
    );
    await decideRating(db, person, first, { action: "request", role: "owner", comment: null }, { id: person.id });
    await decideRating(
      db,
      person,
      first,
      { action: "confirm", role: "supervisor", comment: null },
      { id: team.supervisor.id },
    );
    await rateCompetency(db, person, { competencyId: "pc-1", level: "competent", note: null }, VERSIONS, {
      id: person.id,
    });
    const page = await load(assessmentPage.loader, `/people/${person.id}/self-assessment`, {
      cookie: await cookieFor(team.supervisor.id),
      params: { personId: String(person.id) },
    });
    const row = page.data.rows[0].competencies.find((c: { id: string }) => c.id === "pc-1");
    expect(row.self).toMatchObject({ level: "Competent", status: "self-rated" });
    expect(row.confirmed).toMatchObject({ level: "Developing" });
    expect(page.data.history.total).toBe(2);
  });

  it("a rating replaced by a newer one no longer waits for the supervisor and cannot be confirmed", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const old = await awaitingRating(person);
    expect((await ratingsAwaitingSupervisor(db, [person.id], { page: 1, pageSize: 10 })).total).toBe(1);
    await rateCompetency(db, person, { competencyId: "pc-2", level: "developing", note: null }, VERSIONS, {
      id: person.id,
    });
    expect((await ratingsAwaitingSupervisor(db, [person.id], { page: 1, pageSize: 10 })).total).toBe(0);
    const result = await decideRating(
      db,
      person,
      old,
      { action: "confirm", role: "supervisor", comment: null },
      { id: team.supervisor.id },
    );
    expect(result).toEqual({ ok: false, reason: "A newer rating of this competency has replaced this one." });
  });
});

describe("goals", () => {
  it("due within 30 days or overdue are found for the person, closed ones are not", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const overdue = await createGoal(db, person, goalInput(inDays(-3)), { id: person.id });
    const soon = await createGoal(db, person, goalInput(inDays(30)), { id: person.id });
    await createGoal(db, person, goalInput(inDays(31)), { id: person.id });
    const achieved = await createGoal(db, person, goalInput(inDays(5)), { id: person.id });
    const context = { today: today(), startMonth: 4, text: null };
    await actOnGoal(db, person, achieved, { action: "achieve", role: "owner", ...context }, { id: person.id });
    const due = await goalsDueOrOverdue(db, [person.id], today(), { page: 1, pageSize: 10 });
    expect(due.goals.map((g) => g.id)).toEqual([overdue, soon]);
    const page = await load(home.loader, "/", { cookie: await cookieFor(person.id) });
    expect(page.data.development.due.goals.map((g: { id: number }) => g.id)).toEqual([overdue, soon]);
  });

  it("an unmet goal from an ended appraisal year is carried into the current plan with a reason, once", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    // Due on 31 March of a year that has ended (goals are only typed with future dates, so made directly).
    const lastYearEnd = `${Number(today().slice(0, 4)) - (today().slice(5) >= "04-01" ? 0 : 1)}-03-31`;
    const old = await createGoal(db, person, goalInput(lastYearEnd), { id: person.id });
    const context = { today: today(), startMonth: 4 };
    const step = {
      role: "supervisor" as const,
      reason: "Sessions paused over winter",
      targetDate: inDays(90),
      ...context,
    };
    const carried = await carryForwardGoal(db, person, old, step, { id: team.supervisor.id });
    expect(carried.ok).toBe(true);
    const rows = await db
      .selectFrom("development_goals")
      .selectAll()
      .where("person_id", "=", person.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.status, r.status_reason, r.carried_from_id, r.target_date])).toEqual([
      ["carried-forward", "Sessions paused over winter", null, lastYearEnd],
      ["not-started", null, old, inDays(90)],
    ]);
    const links = await db
      .selectFrom("development_goal_competencies")
      .select("competency_id")
      .where("goal_id", "=", rows[1]!.id)
      .execute();
    expect(links.map((l) => l.competency_id)).toEqual(["pc-1"]);
    expect(await carryForwardGoal(db, person, old, step, { id: team.supervisor.id })).toEqual({
      ok: false,
      reason: "This goal is carried forward, so it cannot be carried forward.",
    });
  });

  it("progress recorded at a supervision meeting must name one of the person's own meetings", async () => {
    const db = getDb();
    const team = await makeTeam(db);
    const person = team.coordinator;
    const goal = await createGoal(db, person, goalInput(inDays(60)), { id: person.id });
    const step = {
      action: "record-progress" as const,
      role: "supervisor" as const,
      text: "Good start",
      meetingId: 999_999,
      today: today(),
      startMonth: 4,
    };
    expect(await actOnGoal(db, person, goal, step, { id: team.supervisor.id })).toEqual({
      ok: false,
      reason: "Meeting not found",
    });
    expect(await actOnGoal(db, person, goal, { ...step, meetingId: null }, { id: team.supervisor.id })).toEqual({
      ok: true,
      goalId: goal,
    });
  });
});
