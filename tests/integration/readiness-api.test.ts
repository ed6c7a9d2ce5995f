/**
 * GET /api/readiness: JSON for API clients (401, not a redirect, when signed out), limited to the people the caller
 * may see, and computed from the content actually deployed. This file runs against a copy of the content with
 * version 2026.3 adding a requirement that must be met before taking referrals.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/index.server";
import * as api from "~/routes/api.readiness";
import { getDb } from "~/lib/db.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { verifyTrainingRecord } from "~/models/training.server";
import { makeArrangement, makePerson } from "../../scripts/lib/factories";
import { makeWorld, type World } from "./access-table";
import { readinessFor, readinessPageJson } from "~/services/compliance-readiness.server";
import { todayInLondon } from "~/domain/training-status";
import type { Readiness } from "~/domain/readiness";
import { contextFor, cookieFor, load } from "./harness";

const NEW_REQUIREMENT = {
  id: "digital-care-records-induction",
  title: "Digital care records induction",
  provider: "PCN digital lead",
  kind: "e-learning",
  renewalMonths: null,
  requiredBeforeReferrals: true,
  underWayCounts: false,
  proof: "The induction completion certificate",
};

// Content is read once per process on first use, so it must point at the copy before anything asks for it.
const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-content-"));
fs.cpSync(path.resolve("content"), contentDir, { recursive: true });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test edits the content JSON in its own way
const editJson = (file: string, edit: (json: any) => void) => {
  const full = path.join(contentDir, file);
  const json = JSON.parse(fs.readFileSync(full, "utf8"));
  edit(json);
  fs.writeFileSync(full, JSON.stringify(json, null, 2));
};
editJson("training-requirements.json", (json) => {
  json.version = "2026.3";
  json.requirements.push(NEW_REQUIREMENT);
});
editJson("roles.json", (json) => {
  json.version = "2026.3";
  json.roles.find((r: { id: string }) => r.id === "care-coordinator").requirements.push(NEW_REQUIREMENT.id);
});
process.env.CONTENT_DIR = contentDir;

type StandingReadiness = Readiness & { personId: number; name: string; jobRole: string; pcnId: number | null };

/**
 * One person as the API documents its answer: `ready` is true only when the training is verified and the answer is
 * up to date (worked out under today's rules).
 */
const readinessAnswer = (r: StandingReadiness, asOf?: string) => ({
  personId: r.personId,
  name: r.name,
  jobRole: r.jobRole,
  readiness: r.state,
  ready: asOf === undefined && r.state === "ready",
  upToDate: asOf === undefined,
  ...(asOf === undefined ? {} : { asOf }),
  blockers: r.blockers,
  awaitingVerification: r.awaitingVerification,
});

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));

const ids = (data: { personId: number }[]) => data.map((r) => r.personId).sort((a, b) => a - b);
const sorted = (...n: number[]) => [...n].sort((a, b) => a - b);

describe("who sees whom", () => {
  it("answers a signed-out call with 401 JSON, not a redirect", async () => {
    const outcome = await load(api.loader, "/api/readiness");
    expect(outcome.status).toBe(401);
    expect(outcome.location).toBeNull();
    expect(outcome.data).toEqual({ error: "Sign in to use this API" });
  });

  it("a lead sees the staff of their PCN (people with a job role) and no one else", async () => {
    const outcome = await load(api.loader, "/api/readiness", { cookie: world.cookies.lead });
    expect(outcome.status).toBe(200);
    expect(ids(outcome.data.people)).toEqual(sorted(world.home.coordinator.id, world.home.colleague.id));
    expect(outcome.data.next).toBeNull();
  });

  it("an admin sees staff in every PCN", async () => {
    const outcome = await load(api.loader, "/api/readiness", { cookie: world.cookies.admin });
    expect(ids(outcome.data.people)).toEqual(
      expect.arrayContaining([
        world.home.coordinator.id,
        world.home.colleague.id,
        world.other.coordinator.id,
        world.other.colleague.id,
      ]),
    );
  });

  it.each([
    ["supervisor", () => [world.home.coordinator.id]],
    ["otherSupervisor", () => [world.other.coordinator.id]],
    ["coordinator", () => [world.home.coordinator.id]],
    ["colleague", () => [world.home.colleague.id]],
  ] as const)("%s sees only who they may", async (role, expected) => {
    const outcome = await load(api.loader, "/api/readiness", { cookie: world.cookies[role] });
    expect(ids(outcome.data.people)).toEqual(expected());
  });

  it("?personId= answers for one person the caller may see, and 404 for anyone else", async () => {
    const mine = await load(api.loader, `/api/readiness?personId=${world.home.coordinator.id}`, {
      cookie: world.cookies.supervisor,
    });
    expect(mine.status).toBe(200);
    expect(mine.data).toEqual([
      {
        personId: world.home.coordinator.id,
        name: world.home.coordinator.name,
        jobRole: "care-coordinator",
        readiness: "not-ready",
        ready: false,
        upToDate: true,
        blockers: expect.arrayContaining(["Digital care records induction: not started"]),
        awaitingVerification: [],
      },
    ]);
    for (const [role, personId] of [
      ["supervisor", world.home.colleague.id],
      ["otherLead", world.home.coordinator.id],
      ["coordinator", world.home.colleague.id],
      ["lead", 999999],
      ["lead", "abc"],
    ] as const) {
      const outcome = await load(api.loader, `/api/readiness?personId=${personId}`, { cookie: world.cookies[role] });
      expect(outcome.status, `${role} asking for ${personId}`).toBe(404);
      expect(outcome.data).toEqual({ error: "Person not found" });
    }
  });
});

describe("readiness from the deployed content", () => {
  it("a requirement added in a new content version blocks people who met the old rules, until they meet it too", async () => {
    expect(getContent().trainingRequirements.version).toBe("2026.3");
    const db = getDb();
    const supervisor = await makePerson(db, { pcnId: world.home.pcn.id, roles: ["supervisor"], jobRole: null });
    const person = await makePerson(db, { pcnId: world.home.pcn.id, name: "Nia Newrules" });
    await makeArrangement(db, person, supervisor.id);
    // Everything version 2026.1 asked for before referrals, recorded under that version, the accredited course verified.
    for (const id of ["pci-care-coordinator-training", "pcsp-e-learning", "shared-decision-making-e-learning"]) {
      await makeTraining(db, person, id, {
        completedOn: "2026-02-01",
        contentVersion: "2026.1",
        verifiedBy: supervisor.id,
      });
    }
    const cookie = await cookieFor(person.id);
    const before = await load(api.loader, `/api/readiness?personId=${person.id}`, { cookie });
    expect(before.data[0]).toMatchObject({ ready: false, blockers: ["Digital care records induction: not started"] });

    // Under way does not count for this one.
    await makeTraining(db, person, NEW_REQUIREMENT.id, { status: "undertaking" });
    const underWay = await load(api.loader, `/api/readiness?personId=${person.id}`, { cookie });
    expect(underWay.data[0]).toMatchObject({
      ready: false,
      blockers: ["Digital care records induction: in progress, but must be completed"],
    });

    await makeTraining(db, person, NEW_REQUIREMENT.id, { completedOn: "2026-03-01", contentVersion: "2026.2" });
    const after = await load(api.loader, `/api/readiness?personId=${person.id}`, { cookie });
    expect(after.data[0]).toMatchObject({ readiness: "ready", ready: true, blockers: [] });
  });
});

describe("declared and verified readiness", () => {
  it("answers ready, ready pending verification or not ready, and `ready` is true only when verified", async () => {
    const db = getDb();
    const supervisor = await makePerson(db, { pcnId: world.home.pcn.id, roles: ["supervisor"], jobRole: null });
    const person = await makePerson(db, { pcnId: world.home.pcn.id, name: "Vera Verify" });
    await makeArrangement(db, person, supervisor.id);
    const ask = async () =>
      (await load(api.loader, `/api/readiness?personId=${person.id}`, { cookie: world.cookies.lead })).data[0];

    for (const id of ["pcsp-e-learning", "shared-decision-making-e-learning", NEW_REQUIREMENT.id])
      await makeTraining(db, person, id, { completedOn: "2026-02-01" });
    expect(await ask()).toMatchObject({
      readiness: "not-ready",
      ready: false,
      blockers: ["PCI-accredited care coordinator training (two days): not started"],
      awaitingVerification: [],
    });

    // Self-declared enrolment on the accredited course: every blocker met, one only by her own word.
    const enrolled = await makeTraining(db, person, "pci-care-coordinator-training", { status: "enrolled" });
    expect(await ask()).toMatchObject({
      readiness: "pending-verification",
      ready: false,
      blockers: [],
      awaitingVerification: ["PCI-accredited care coordinator training (two days): enrolled, not yet verified"],
    });

    // Her supervisor checks the provider's list of learners.
    expect(
      await verifyTrainingRecord(
        db,
        person,
        enrolled,
        { method: "provider-list", note: null },
        { id: supervisor.id, ip: null },
      ),
    ).toEqual({ ok: true });
    expect(await ask()).toMatchObject({ readiness: "ready", ready: true, blockers: [], awaitingVerification: [] });
  });
});

describe("the whole deployment, a page at a time", () => {
  it("is JSON written compactly, page after page, of every member of staff as their own records give them", async () => {
    const db = getDb();
    const answered: { personId: number }[] = [];
    for (let path: string | null = "/api/readiness?limit=2"; path;) {
      const request = new Request(`http://127.0.0.1${path}`, { headers: { Cookie: world.cookies.admin } });
      const response = (await api.loader({ request, params: {}, context: await contextFor(request) })) as Response;
      expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      const text = await response.text();
      const page = JSON.parse(text) as { people: { personId: number }[]; next: string | null };
      expect(text).toBe(JSON.stringify(page));
      answered.push(...page.people);
      path = page.next;
    }
    // Worked out again from the training records, not the rollups the API reads.
    const staff = await db
      .selectFrom("users")
      .select(["id", "name", "job_role as jobRole"])
      .where("active", "=", 1)
      .where("job_role", "is not", null)
      .execute();
    const expected = (await readinessFor(db, staff, todayInLondon(new Date()))).map((r) =>
      readinessAnswer({ ...r, jobRole: r.jobRole!, pcnId: null }),
    );
    const byId = (a: { personId: number }, b: { personId: number }) => a.personId - b.personId;
    expect(answered).toEqual(expected.sort(byId));
  });

  it("writes each page as JSON.stringify would, whatever characters the names and lists hold", async () => {
    const person = (personId: number, state: StandingReadiness["state"]): StandingReadiness => ({
      personId,
      name: `Person "${personId}"`,
      jobRole: "care-coordinator",
      pcnId: 1,
      state,
      blockers: state === "not-ready" ? ["Safeguarding: expired"] : [],
      awaitingVerification: state === "pending-verification" ? ["PCSP e-learning: not yet verified"] : [],
    });
    const people = [person(1, "ready"), person(2, "not-ready"), person(3, "pending-verification"), person(4, "ready")];
    // Names and lists with characters JSON escapes (quotes, backslashes, control characters, non-ASCII).
    people.push({ ...person(5, "not-ready"), name: 'Zoë "Zed" \\ O\u2028Neil\n', blockers: ['Level "2"\t\\', "é"] });
    // As stored: the lists kept as JSON text.
    const stored = ({ blockers, awaitingVerification, ...r }: StandingReadiness) => ({
      ...r,
      blockersJson: JSON.stringify(blockers),
      awaitingJson: JSON.stringify(awaitingVerification),
    });
    const next = "/api/readiness?after=5&limit=5";
    const current = { upToDate: true } as const;
    expect(readinessPageJson(people.map(stored), current, next)).toBe(
      JSON.stringify({ people: people.map((p) => readinessAnswer(p)), next }),
    );
    expect(readinessPageJson(people.slice(0, 1).map(stored), current, null)).toBe(
      JSON.stringify({ people: [readinessAnswer(people[0]!)], next: null }),
    );
    expect(readinessPageJson([], current, null)).toBe(JSON.stringify({ people: [], next: null }));
    const rebuilding = { upToDate: false, reason: "rules", asOf: "2026-04-01" } as const;
    expect(readinessPageJson(people.map(stored), rebuilding, null)).toBe(
      JSON.stringify({ people: people.map((p) => readinessAnswer(p, "2026-04-01")), next: null }),
    );
  });
});
