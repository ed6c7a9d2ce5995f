/**
 * Development pathways and the development hub: who may see and add (guessing another person's id answers 404),
 * a confirmed rating counts and a self-rating does not, the missing pieces become goals once (audited, in one
 * transaction, even when two requests arrive together), and refused input changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appraisalYear } from "~/domain/appraisal-year";
import { addCalendarMonths, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { decideRating, rateCompetency } from "~/models/ratings.server";
import * as hub from "~/routes/people.$personId.development";
import * as pathwayPage from "~/routes/people.$personId.pathways.$pathwayId";
import * as pathwaysPage from "~/routes/people.$personId.pathways._index";
import * as planPage from "~/routes/people.$personId.development-plan._index";
import * as selfAssessment from "~/routes/people.$personId.self-assessment._index";
import { makeTeam } from "../../scripts/lib/factories";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { auditCount, describeAccess, makeWorld, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const CANCER = "specialist-cancer";
const targetDate = addCalendarMonths(todayInLondon(new Date()), 6);
const dateFields = (iso = targetDate) => ({
  "targetDate-day": iso.slice(8),
  "targetDate-month": iso.slice(5, 7),
  "targetDate-year": iso.slice(0, 4),
});

let world: World;
const owner = () => world.home.coordinator;
const params = (pathwayId?: string, personId = owner().id) => ({
  personId: String(personId),
  ...(pathwayId ? { pathwayId } : {}),
});
const goalsOf = (personId: number) =>
  getDb()
    .selectFrom("development_goals")
    .select(["id", "title", "training_requirement_id", "created_by", "status"])
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();

beforeAll(async () => {
  world = await makeWorld();
});

const addAs = (role: Role, pathwayId: string, person = owner(), fields = dateFields()) =>
  submit(pathwayPage.action, `/people/${person.id}/pathways/${pathwayId}`, fields, {
    cookie: world.cookies[role],
    params: params(pathwayId, person.id),
  });

describeAccess([
  {
    name: "GET /people/:id/development",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) => load(hub.loader, `/people/${owner().id}/development`, { cookie: world.cookies[r], params: params() }),
  },
  {
    name: "GET /people/:id/pathways",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(pathwaysPage.loader, `/people/${owner().id}/pathways`, { cookie: world.cookies[r], params: params() }),
  },
  {
    name: "GET /people/:id/pathways/:pathwayId",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(pathwayPage.loader, `/people/${owner().id}/pathways/${CANCER}`, {
        cookie: world.cookies[r],
        params: params(CANCER),
      }),
  },
  {
    name: "POST /people/:id/pathways/:pathwayId (add the missing pieces)",
    allowed: ["supervisor", "coordinator"],
    mutates: true,
    // Each allowed role adds a route of its own (no competency or training in common), so each adds goals.
    run: (r) =>
      addAs(r, r === "supervisor" ? "specialist-mental-health" : r === "coordinator" ? CANCER : "line-management"),
  },
]);

describe("the development hub", () => {
  it("links to pages that open for everyone who may see the hub", async () => {
    for (const role of ["admin", "lead", "supervisor", "coordinator"] as const) {
      const cookie = world.cookies[role];
      expect((await load(hub.loader, "/", { cookie, params: params() })).status).toBe(200);
      for (const [page, loader] of [
        ["self-assessment", selfAssessment.loader],
        ["development-plan", planPage.loader],
        ["pathways", pathwaysPage.loader],
      ] as const) {
        const opened = await load(loader, `/people/${owner().id}/${page}`, { cookie, params: params() });
        expect([role, page, opened.status]).toEqual([role, page, 200]);
      }
    }
  });
});

describe("a pathway's gaps", () => {
  it("count a competency once a supervisor confirms it at the level asked, never on a self-rating alone", async () => {
    const team = await makeTeam(getDb());
    const person = team.coordinator;
    const cookie = await cookieFor(person.id);
    const pieceFor = async (what: string) => {
      const page = await load(pathwayPage.loader, `/people/${person.id}/pathways/${CANCER}`, {
        cookie,
        params: params(CANCER, person.id),
      });
      return page.data.pieces.find((p: { what: string }) => p.what === what);
    };
    const versions = { framework: "test", scale: "test" };
    const id = await rateCompetency(
      getDb(),
      person,
      { competencyId: "rel-2", level: "confident-to-teach", note: null },
      versions,
      { id: person.id },
    );
    expect(await pieceFor("Coordinating the multidisciplinary team")).toMatchObject({
      state: "missing",
      now: "No confirmed rating (self-rated: Confident to teach others)",
    });
    await decideRating(getDb(), person, id, { action: "request", role: "owner", comment: null }, { id: person.id });
    await decideRating(
      getDb(),
      person,
      id,
      { action: "confirm", role: "supervisor", comment: null },
      { id: team.supervisor.id },
    );
    expect(await pieceFor("Coordinating the multidisciplinary team")).toMatchObject({
      state: "met",
      now: "Confirmed: Confident to teach others",
    });

    // Training counts once completed; under way it is still missing.
    await makeTraining(getDb(), person, "pcsp-e-learning", { status: "undertaking", completedOn: null });
    const pcsp = "Personalised care and support planning (PCSP) e-learning";
    expect(await pieceFor(pcsp)).toMatchObject({ state: "missing", now: "In progress" });
    await makeTraining(getDb(), person, "pcsp-e-learning", { completedOn: todayInLondon(new Date()) });
    expect(await pieceFor(pcsp)).toMatchObject({ state: "met", now: "Valid" });

    const overview = await load(pathwaysPage.loader, `/people/${person.id}/pathways`, {
      cookie,
      params: params(undefined, person.id),
    });
    expect(overview.data.pathways.find((p: { id: string }) => p.id === CANCER)).toMatchObject({ met: 2, total: 6 });
  });
});

describe("adding the missing pieces to the plan", () => {
  it("adds one goal per missing piece, audited, and nothing the second time", async () => {
    const team = await makeTeam(getDb());
    const person = team.coordinator;
    const cookie = await cookieFor(person.id);
    await makeTraining(getDb(), person, "shared-decision-making-e-learning");
    const add = () =>
      submit(pathwayPage.action, `/people/${person.id}/pathways/${CANCER}`, dateFields(), {
        cookie,
        params: params(CANCER, person.id),
      });

    const before = await auditCount();
    const first = await add();
    expect(first.status).toBe(302);
    expect(first.location).toMatch(new RegExp(`^/people/${person.id}/development-plan\\?year=`));
    expect(first.flash?.message).toBe(
      `5 goals added to the ${appraisalYear(targetDate).label} plan. Your supervisor can now agree them.`,
    );
    const goals = await goalsOf(person.id);
    expect(goals.map((g) => [g.title, g.training_requirement_id])).toEqual([
      ['Reach "Confident to teach others" in Personalised care and support planning', null],
      ['Reach "Confident to teach others" in Navigating and coordinating care', null],
      ['Reach "Competent" in Coordinating the multidisciplinary team', null],
      ['Reach "Competent" in Supporting carers and families', null],
      ["Complete Personalised care and support planning (PCSP) e-learning", "pcsp-e-learning"],
    ]);
    expect(goals.every((g) => g.created_by === person.id && g.status === "not-started")).toBe(true);
    const links = await getDb()
      .selectFrom("development_goal_competencies")
      .select(["goal_id", "competency_id"])
      .where(
        "goal_id",
        "in",
        goals.map((g) => g.id),
      )
      .orderBy("goal_id")
      .execute();
    expect(links.map((l) => l.competency_id)).toEqual(["pc-2", "pc-5", "rel-2", "rel-4"]);
    const audits = await getDb()
      .selectFrom("audit_log")
      .select(["entity_id", "action", "actor_id"])
      .where("entity", "=", "development_goal")
      .where(
        "entity_id",
        "in",
        goals.map((g) => String(g.id)),
      )
      .execute();
    expect(audits.map((a) => [a.action, a.actor_id])).toEqual(goals.map(() => ["create", person.id]));
    expect(await auditCount()).toBe(before + 5);

    // The page now shows them as in the plan, with nothing left to add; a second click adds nothing.
    const page = await load(pathwayPage.loader, `/people/${person.id}/pathways/${CANCER}`, {
      cookie,
      params: params(CANCER, person.id),
    });
    expect(page.data.pieces.map((p: { state: string }) => p.state)).toEqual([
      "planned",
      "planned",
      "planned",
      "planned",
      "planned",
      "met",
    ]);
    expect(page.data.missing).toBe(0);
    const second = await add();
    expect(second.status).toBe(302);
    expect(second.flash?.message).toBe("Nothing was added: every missing piece is already in the plan");
    expect(await goalsOf(person.id)).toHaveLength(5);
    expect(await auditCount()).toBe(before + 5);
  });

  it("adds each goal once when two requests arrive together", async () => {
    const team = await makeTeam(getDb());
    const person = team.coordinator;
    const [mine, supervisors] = [await cookieFor(person.id), await cookieFor(team.supervisor.id)];
    const post = (cookie: string) =>
      submit(pathwayPage.action, `/people/${person.id}/pathways/line-management`, dateFields(), {
        cookie,
        params: params("line-management", person.id),
      });
    const answers = await Promise.all([post(mine), post(supervisors), post(mine)]);
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    const goals = await goalsOf(person.id);
    expect(goals).toHaveLength(5);
    expect(new Set(goals.map((g) => g.title)).size).toBe(5);
  });

  it("refuses a missing or past target date with a field error, and adds nothing", async () => {
    const team = await makeTeam(getDb());
    const person = team.coordinator;
    const cookie = await cookieFor(person.id);
    const before = await auditCount();
    for (const [fields, error] of [
      [{}, "Enter the target date"],
      [dateFields("2020-01-01"), expect.stringMatching(/^The target date must be/)],
      [{ ...dateFields(), "targetDate-day": "31", "targetDate-month": "2" }, expect.stringMatching(/real date/)],
    ] as const) {
      const refused = await submit(pathwayPage.action, `/people/${person.id}/pathways/${CANCER}`, fields, {
        cookie,
        params: params(CANCER, person.id),
      });
      expect(refused.status).toBe(400);
      expect(refused.data.errors).toEqual({ targetDate: error });
    }
    expect(await goalsOf(person.id)).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it("answers 404 for a pathway the content does not have, and for another person's pathways", async () => {
    const cookie = world.cookies.coordinator;
    const unknown = await load(pathwayPage.loader, `/people/${owner().id}/pathways/astronaut`, {
      cookie,
      params: params("astronaut"),
    });
    expect(unknown.status).toBe(404);
    const before = await auditCount();
    expect((await addAs("coordinator", "astronaut")).status).toBe(404);
    // A supervisor or colleague guessing someone else's id, and the other PCN's supervisor adding to this one's plan.
    const other = world.other.coordinator;
    expect((await addAs("supervisor", CANCER, other)).status).toBe(404);
    expect((await addAs("colleague", CANCER, owner())).status).toBe(404);
    expect((await addAs("otherSupervisor", CANCER, owner())).status).toBe(404);
    for (const role of ["supervisor", "colleague"] as const) {
      const seen = await load(pathwaysPage.loader, `/people/${other.id}/pathways`, {
        cookie: world.cookies[role],
        params: params(undefined, other.id),
      });
      expect(seen.status).toBe(404);
    }
    expect(await auditCount()).toBe(before);
  });

  it("offers the form to the person and their supervisor, and shows the lead the gaps without it", async () => {
    const canAdd = async (role: Role) =>
      (
        await load(pathwayPage.loader, `/people/${owner().id}/pathways/specialist-frailty`, {
          cookie: world.cookies[role],
          params: params("specialist-frailty"),
        })
      ).data.canAdd;
    expect([
      await canAdd("coordinator"),
      await canAdd("supervisor"),
      await canAdd("lead"),
      await canAdd("admin"),
    ]).toEqual([true, true, false, false]);
  });
});
