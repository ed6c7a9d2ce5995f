/**
 * Every role against every route that reads or changes a person record: the allowed succeed, the rest get 404 (or
 * a redirect to sign in) and nothing changes, including ids guessed from another PCN.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as adminPcns from "~/routes/admin.pcns";
import * as audit from "~/routes/audit";
import * as competencyPage from "~/routes/people.$personId.competencies.$competencyId";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as evidenceNew from "~/routes/evidence.new";
import * as evidencePage from "~/routes/evidence.$evidenceId._index";
import * as portfolio from "~/routes/people.$personId.portfolio";
import * as review from "~/routes/review";
import { createEvidence, moveEvidence } from "~/models/evidence.server";
import * as peopleIndex from "~/routes/people._index";
import * as peopleNew from "~/routes/people.new";
import * as personPage from "~/routes/people.$personId._index";
import * as personEdit from "~/routes/people.$personId.edit";
import { getDb } from "~/lib/db.server";
import { makePcn } from "../../scripts/lib/factories";
import { describeAccess, makeWorld, type AccessCase, type World } from "./access-table";
import { load, submit } from "./harness";

let world: World;
let evidenceId: number;
let draftId: number;

beforeAll(async () => {
  world = await makeWorld();
  const owner = world.home.coordinator;
  const create = () =>
    createEvidence(
      getDb(),
      owner,
      {
        title: "Evidence",
        activityDate: "2026-01-05",
        type: "other",
        whatHappened: "a",
        whatLearned: "b",
        whatNext: "c",
        competencyIds: ["pc-1"],
        attachmentIds: [],
        patientDataFindings: null,
      },
      "test",
      { id: owner.id },
    );
  evidenceId = await create();
  await moveEvidence(
    getDb(),
    evidenceId,
    { action: "submit", as: "owner", pcnId: owner.pcnId },
    { id: owner.id, ip: null },
  );
  draftId = await create();
});

const target = () => world.home.coordinator;
const personPath = () => `/people/${target().id}`;

const cases: AccessCase[] = [
  {
    name: "GET /people",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(peopleIndex.loader, "/people", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /people/new",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(peopleNew.loader, "/people/new", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /people/:id (a coordinator in the home PCN)",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(personPage.loader, personPath(), { cookie: world.cookies[r], params: { personId: String(target().id) } }),
  },
  {
    name: "GET /people/:id/edit",
    allowed: ["admin", "lead"],
    run: (r) =>
      load(personEdit.loader, `${personPath()}/edit`, {
        cookie: world.cookies[r],
        params: { personId: String(target().id) },
      }),
  },
  {
    name: "POST /people/:id password link",
    allowed: ["admin", "lead"],
    mutates: true,
    run: (r) =>
      submit(
        personPage.action,
        personPath(),
        { intent: "password-link" },
        { cookie: world.cookies[r], params: { personId: String(target().id) } },
      ),
  },
  {
    name: "POST /people/:id/edit",
    allowed: ["admin", "lead"],
    mutates: true,
    run: (r) =>
      submit(
        personEdit.action,
        `${personPath()}/edit`,
        {
          name: "Renamed Person",
          email: `renamed-${r}@test.example`,
          pcnId: String(world.home.pcn.id),
          jobRole: "care-coordinator",
          fte: "1",
          startDate: "2025-01-06",
          roles: ["coordinator"],
        },
        { cookie: world.cookies[r], params: { personId: String(target().id) } },
      ),
  },
  {
    name: "GET /admin/pcns",
    allowed: ["admin"],
    run: (r) => load(adminPcns.loader, "/admin/pcns", { cookie: world.cookies[r] }),
  },
  {
    name: "POST /admin/pcns",
    allowed: ["admin"],
    mutates: true,
    run: (r) =>
      submit(
        adminPcns.action,
        "/admin/pcns",
        { name: `PCN by ${r}`, odsCode: `U${String(Date.now() % 100000).padStart(5, "0")}` },
        { cookie: world.cookies[r] },
      ),
  },
  {
    name: "GET /audit",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(audit.loader, "/audit", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /people/:id/portfolio",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(portfolio.loader, `${personPath()}/portfolio`, {
        cookie: world.cookies[r],
        params: { personId: String(target().id) },
      }),
  },
  {
    name: "GET /people/:id/evidence",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(evidenceList.loader, `${personPath()}/evidence`, {
        cookie: world.cookies[r],
        params: { personId: String(target().id) },
      }),
  },
  {
    name: "GET /people/:id/competencies/:competencyId",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(competencyPage.loader, `${personPath()}/competencies/pc-1`, {
        cookie: world.cookies[r],
        params: { personId: String(target().id), competencyId: "pc-1" },
      }),
  },
  {
    name: "POST /people/:id/competencies/:competencyId (sign-off, refused for want of accepted evidence)",
    allowed: ["supervisor"],
    run: (r) =>
      submit(
        competencyPage.action,
        `${personPath()}/competencies/pc-1`,
        { intent: "sign-off", comment: "ok" },
        { cookie: world.cookies[r], params: { personId: String(target().id), competencyId: "pc-1" } },
      ),
    allowedStatus: 400,
  },
  {
    name: "GET /evidence/:id",
    allowed: ["admin", "lead", "supervisor", "coordinator"],
    run: (r) =>
      load(evidencePage.loader, `/evidence/${evidenceId}`, {
        cookie: world.cookies[r],
        params: { evidenceId: String(evidenceId) },
      }),
  },
  {
    name: "GET /evidence/:id (a draft never submitted)",
    allowed: ["coordinator"],
    run: (r) =>
      load(evidencePage.loader, `/evidence/${draftId}`, {
        cookie: world.cookies[r],
        params: { evidenceId: String(draftId) },
      }),
  },
  {
    name: "GET /evidence/new",
    allowed: ["coordinator", "colleague"],
    run: (r) => load(evidenceNew.loader, "/evidence/new", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /review",
    allowed: ["supervisor", "otherSupervisor"],
    run: (r) => load(review.loader, "/review", { cookie: world.cookies[r] }),
  },
];

describeAccess(cases);

describe("guessing ids", () => {
  it("a lead asking for a person in another PCN gets the same 404 as for an id that does not exist", async () => {
    const theirs = await load(personPage.loader, `/people/${world.other.coordinator.id}`, {
      cookie: world.cookies.lead,
      params: { personId: String(world.other.coordinator.id) },
    });
    const missing = await load(personPage.loader, "/people/999999", {
      cookie: world.cookies.lead,
      params: { personId: "999999" },
    });
    const junk = await load(personPage.loader, "/people/1%20OR%201", {
      cookie: world.cookies.lead,
      params: { personId: "1 OR 1" },
    });
    expect([theirs.status, missing.status, junk.status]).toEqual([404, 404, 404]);
    expect(theirs.data).toEqual(missing.data);
  });

  it("a coordinator cannot read a colleague in their own PCN", async () => {
    const outcome = await load(personPage.loader, `/people/${world.home.colleague.id}`, {
      cookie: world.cookies.coordinator,
      params: { personId: String(world.home.colleague.id) },
    });
    expect(outcome.status).toBe(404);
  });

  it("the people list of a lead holds only their own PCN", async () => {
    const outcome = await load(peopleIndex.loader, "/people", { cookie: world.cookies.lead });
    const pcnIds = new Set(outcome.data.people.map((p: { pcnId: number }) => p.pcnId));
    expect([...pcnIds]).toEqual([world.home.pcn.id]);
  });
});

describe("form fields a user may not set", () => {
  it("a lead cannot grant the admin role, and nothing is created", async () => {
    const email = "would-be-admin@test.example";
    const outcome = await submit(
      peopleNew.action,
      "/people/new",
      { name: "Would Be", email, roles: ["coordinator", "admin"] },
      { cookie: world.cookies.lead },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.roles).toBe("Select roles from the list");
    expect(
      await getDb().selectFrom("users").select("id").where("email_key", "=", email).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a lead's person always lands in the lead's own PCN, whatever pcnId the form carries", async () => {
    const elsewhere = await makePcn(getDb());
    const email = "placed@test.example";
    const outcome = await submit(
      peopleNew.action,
      "/people/new",
      { name: "Placed Person", email, pcnId: String(elsewhere.id), roles: ["coordinator"] },
      { cookie: world.cookies.lead },
    );
    expect(outcome.status).toBe(302);
    const row = await getDb()
      .selectFrom("users")
      .select("pcn_id")
      .where("email_key", "=", email)
      .executeTakeFirstOrThrow();
    expect(row.pcn_id).toBe(world.home.pcn.id);
  });
});
