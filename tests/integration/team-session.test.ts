/**
 * A lead records one team training session for everyone who attended: one record and one audit row per person,
 * readiness refreshed, and nothing saved when any part of the form is wrong or names someone outside the PCN.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as page from "~/routes/dashboard_.record-session";
import { describeAccess, makeWorld, type World } from "./access-table";
import { load, submit } from "./harness";
import { count } from "./independent-count";

let world: World;

beforeAll(async () => {
  world = await makeWorld();
});

const post = (fields: Record<string, string | string[]>, cookie = world.cookies.lead) =>
  submit(page.action, "/dashboard/record-session", fields, { cookie });

const session = (personIds: number[], overrides: Record<string, string> = {}) => ({
  requirementId: "fire-safety",
  "completedOn-day": "12",
  "completedOn-month": "3",
  "completedOn-year": "2026",
  provider: "Practice fire marshal",
  personIds: personIds.map(String),
  ...overrides,
});

const snapshot = () => ({
  records: count("SELECT count(*) FROM training_records"),
  audit: count("SELECT count(*) FROM audit_log"),
});

describeAccess([
  {
    name: "GET /dashboard/record-session",
    allowed: ["lead", "otherLead"],
    run: (r) => load(page.loader, "/dashboard/record-session", { cookie: world.cookies[r] }),
  },
  {
    name: "POST /dashboard/record-session (a home PCN person; another PCN's lead is told they do not exist)",
    allowed: ["lead"],
    mutates: true,
    run: (r) => post(session([world.home.coordinator.id]), world.cookies[r]),
  },
]);

describe("recording a team session", () => {
  it("lists the PCN's staff, never the lead or another PCN's", async () => {
    const listed = await load(page.loader, "/dashboard/record-session", { cookie: world.cookies.lead });
    const ids = listed.data.staff.map((p: { value: string }) => Number(p.value));
    expect(ids).toEqual(expect.arrayContaining([world.home.coordinator.id, world.home.colleague.id]));
    expect(ids).not.toContain(world.home.lead.id);
    expect(ids).not.toContain(world.other.coordinator.id);
  });

  it("writes one completed record and one audit row per person who attended, and refreshes their readiness", async () => {
    const { coordinator, colleague } = world.home;
    const before = snapshot();
    const done = await post(session([coordinator.id, colleague.id], { requirementId: "conflict-resolution" }));
    expect(done.status).toBe(302);
    expect(done.location).toBe("/dashboard");
    expect(done.flash?.message).toBe("Conflict resolution level 1 recorded for 2 people");
    expect(snapshot()).toEqual({ records: before.records + 2, audit: before.audit + 2 });
    for (const person of [coordinator, colleague]) {
      expect(
        count(
          "SELECT count(*) FROM training_records WHERE user_id = ? AND requirement_id = 'conflict-resolution' AND status = 'completed' AND completed_on = '2026-03-12' AND provider = 'Practice fire marshal' AND created_by = ?",
          person.id,
          world.home.lead.id,
        ),
      ).toBe(1);
      expect(
        count(
          "SELECT count(*) FROM person_requirement_states WHERE user_id = ? AND requirement_id = 'conflict-resolution' AND state <> 'missing'",
          person.id,
        ),
      ).toBe(1);
    }
  });

  it.each([
    ["nobody ticked", session([]), "personIds", "Select everyone who attended"],
    ["a date in the future", session([0], { "completedOn-year": "2999" }), "completedOn", /date of the session/],
    ["no training", session([0], { requirementId: "" }), "requirementId", "Select the training"],
  ])("refuses %s with a field error and saves nothing", async (_, fields, field, message) => {
    const before = snapshot();
    const ids = fields.personIds.length ? [String(world.home.coordinator.id)] : [];
    const refused = await post({ ...fields, personIds: ids });
    expect(refused.status).toBe(400);
    expect(refused.data.errors[field]).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it("answers not found and saves nobody when one of the people is another PCN's or the lead themself", async () => {
    for (const outsider of [world.other.coordinator.id, world.home.lead.id]) {
      const before = snapshot();
      const refused = await post(session([world.home.coordinator.id, outsider]));
      expect(refused.status).toBe(404);
      expect(snapshot()).toEqual(before);
    }
  });
});
