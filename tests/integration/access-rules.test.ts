/**
 * Rules that used to be decided in routes now live in the models, so a route, a script, a factory and the seed all
 * meet them. Each is checked here by calling the model directly, and through its page where a page shows it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RuleError } from "~/domain/rule-error";
import { getDb } from "~/lib/db.server";
import { recordMeeting, SupervisionRuleError, type MeetingInput } from "~/models/supervision.server";
import {
  addArrangement,
  getPerson,
  listArrangements,
  setActive,
  updatePerson,
  type PersonInput,
} from "~/models/user.server";
import * as personPage from "~/routes/people.$personId._index";
import * as supervisionPage from "~/routes/people.$personId.supervision";
import { makePcn, makePerson, makeTeam } from "../../scripts/lib/factories";
import { auditCount } from "./access-table";
import { cookieFor, submit } from "./harness";

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
let other: Team;
let admin: { id: number };
beforeAll(async () => {
  team = await makeTeam(getDb());
  other = await makeTeam(getDb());
  admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
});

/** What a rule refused: which field and what it said. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleError);
  const { field, message } = error as RuleError;
  return { field, message };
}

describe("nobody deactivates their own account", () => {
  it("the model refuses it, and the account stays active", async () => {
    expect(await refusal(setActive(getDb(), team.lead.id, false, { id: team.lead.id }))).toEqual({
      field: "form",
      message: "You cannot deactivate your own account",
    });
    expect((await getPerson(getDb(), team.lead.id))?.active).toBe(true);
  });

  it("the page says so at once, before asking to confirm, and changes nothing", async () => {
    const audits = await auditCount();
    const outcome = await submit(
      personPage.action,
      `/people/${team.lead.id}`,
      { intent: "deactivate" },
      { cookie: await cookieFor(team.lead.id), params: { personId: String(team.lead.id) } },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.form).toBe("You cannot deactivate your own account");
    expect(await auditCount()).toBe(audits);
  });

  it("someone else may still be deactivated", async () => {
    const leaver = await makePerson(getDb(), { pcnId: team.pcn.id });
    await setActive(getDb(), leaver.id, false, { id: team.lead.id });
    expect((await getPerson(getDb(), leaver.id))?.active).toBe(false);
  });
});

describe("an arrangement names a colleague in the same PCN, and a designated supervisor holds that role", () => {
  const arrangement = (personId: number, kind: "supervisor" | "line-manager" = "supervisor") => ({
    staffId: team.colleague.id,
    personId,
    kind,
    startedOn: "2026-01-05",
    pcnId: team.pcn.id,
  });

  it("refuses someone from another PCN, the person themself and a deactivated colleague", async () => {
    const gone = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["supervisor"], jobRole: null });
    await setActive(getDb(), gone.id, false, { id: null });
    for (const personId of [other.supervisor.id, team.colleague.id, gone.id, 999_999]) {
      expect(await refusal(addArrangement(getDb(), arrangement(personId), { id: team.lead.id }))).toEqual({
        field: "arrangementPersonId",
        message: "Select a person from this PCN",
      });
    }
    expect(await listArrangements(getDb(), team.colleague.id)).toEqual([]);
  });

  it("refuses a designated supervisor without the supervisor role, but not a line manager", async () => {
    expect(await refusal(addArrangement(getDb(), arrangement(team.coordinator.id), { id: team.lead.id }))).toEqual({
      field: "arrangementPersonId",
      message: `${team.coordinator.name} is not a supervisor. Give them the supervisor role first`,
    });
    await addArrangement(getDb(), arrangement(team.lead.id, "line-manager"), { id: admin.id });
    expect((await listArrangements(getDb(), team.colleague.id)).map((a) => a.kind)).toEqual(["line-manager"]);
  });

  it("the page shows the refusal on the person field", async () => {
    const outcome = await submit(
      personPage.action,
      `/people/${team.colleague.id}`,
      { intent: "add-arrangement", kind: "supervisor", arrangementPersonId: String(other.supervisor.id) },
      { cookie: await cookieFor(team.lead.id), params: { personId: String(team.colleague.id) } },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.arrangementPersonId).toBe("Select a person from this PCN");
  });
});

describe("only an administrator moves someone to another PCN", () => {
  const details = (person: { name: string; email: string }, pcnId: number): PersonInput => ({
    pcnId,
    name: person.name,
    email: person.email,
    jobRole: "care-coordinator",
    fte: 1,
    startDate: "2025-01-06",
    roles: ["coordinator"],
  });

  it("a lead's move is refused and the person stays", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    const elsewhere = await makePcn(getDb());
    expect(
      await refusal(updatePerson(getDb(), person.id, details(person, elsewhere.id), { id: team.lead.id })),
    ).toEqual({ field: "pcnId", message: "Only an administrator can move someone to another PCN" });
    expect((await getPerson(getDb(), person.id))?.pcnId).toBe(team.pcn.id);
  });

  it("an administrator's move, and a set-up script's, go through", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    await updatePerson(getDb(), person.id, details(person, other.pcn.id), { id: admin.id });
    expect((await getPerson(getDb(), person.id))?.pcnId).toBe(other.pcn.id);
    await updatePerson(getDb(), person.id, details(person, team.pcn.id), { id: null });
    expect((await getPerson(getDb(), person.id))?.pcnId).toBe(team.pcn.id);
  });

  it("a lead changing someone's other details in their own PCN still can", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    await updatePerson(getDb(), person.id, { ...details(person, team.pcn.id), name: "New Name" }, { id: team.lead.id });
    expect((await getPerson(getDb(), person.id))?.name).toBe("New Name");
  });
});

describe("no supervision meeting without a designated supervisor", () => {
  const meeting = (supervisorId: number): MeetingInput => ({
    supervisorId,
    metOn: "2026-10-01",
    minutes: 60,
    mode: "virtual",
    topics: "Caseload",
    patientConcerns: false,
    safeguardingConcerns: false,
    actions: "None",
  });

  it("refuses a meeting for someone with no designated supervisor", async () => {
    const alone = await makePerson(getDb(), { pcnId: team.pcn.id });
    const error = recordMeeting(getDb(), alone, meeting(team.supervisor.id), { id: team.lead.id }, true);
    expect(await refusal(error)).toEqual({
      field: "form",
      message: "There is no designated supervisor, so meetings cannot be recorded yet",
    });
  });

  it("refuses a meeting with someone who is not their designated supervisor", async () => {
    const error = recordMeeting(getDb(), team.coordinator, meeting(other.supervisor.id), { id: team.lead.id }, true);
    await expect(error).rejects.toBeInstanceOf(SupervisionRuleError);
    expect(await refusal(error)).toEqual({ field: "supervisorId", message: "Select the supervisor you met" });
  });

  it("records one with their designated supervisor", async () => {
    const id = await recordMeeting(getDb(), team.coordinator, meeting(team.supervisor.id), { id: team.lead.id }, true);
    expect(id).toBeGreaterThan(0);
  });

  it("the page refuses it with the person's name, and records nothing", async () => {
    const alone = await makePerson(getDb(), { pcnId: team.pcn.id, name: "Ann Alone" });
    const audits = await auditCount();
    const outcome = await submit(
      supervisionPage.action,
      `/people/${alone.id}/supervision`,
      { supervisorId: String(team.supervisor.id), metOn: "2026-10-01", minutes: "60", mode: "virtual" },
      { cookie: await cookieFor(team.lead.id), params: { personId: String(alone.id) } },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.form).toMatch(/^Ann Alone has no designated supervisor/);
    expect(await auditCount()).toBe(audits);
  });
});
