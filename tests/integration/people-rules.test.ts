/**
 * Rules about people that hold whoever makes the change (a page, a script or a factory): nobody gives themself a
 * role or makes themself someone's supervisor, and a member of staff who keeps a portfolio belongs to a PCN.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as peopleNew from "~/routes/people.new";
import * as personPage from "~/routes/people.$personId._index";
import * as personEdit from "~/routes/people.$personId.edit";
import { addArrangement, createPerson, getPerson, listArrangements, PersonRuleError } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam, type PersonOverrides } from "../../scripts/lib/factories";
import { auditCount } from "./access-table";
import { cookieFor, load, submit } from "./harness";

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
let admin: Awaited<ReturnType<typeof makePerson>>;
let leadSupervisor: Awaited<ReturnType<typeof makePerson>>;
let leadCookie: string;

beforeAll(async () => {
  team = await makeTeam(getDb());
  leadCookie = await cookieFor(team.lead.id);
  admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
  // A lead who was also given the supervisor role by someone else: the case that allowed signing off alone.
  leadSupervisor = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["lead", "supervisor"], jobRole: null });
});

const detailsOf = (
  p: Omit<Partial<PersonOverrides>, "roles"> & { name: string; email: string; roles: readonly string[] },
) => ({
  name: p.name,
  email: p.email,
  jobRole: p.jobRole ?? "",
  fte: "",
  startDate: "",
  ...(p.pcnId ? { pcnId: String(p.pcnId) } : {}),
  roles: [...p.roles],
});

async function editSelf(person: { id: number; name: string; email: string; pcnId: number | null }, roles: string[]) {
  return submit(personEdit.action, `/people/${person.id}/edit`, detailsOf({ ...person, roles }), {
    cookie: await cookieFor(person.id),
    params: { personId: String(person.id) },
  });
}

describe("nobody grants themself a role", () => {
  it.each([
    ["a lead adding supervisor", () => team.lead, ["lead", "supervisor"]],
    ["a lead adding administrator", () => team.lead, ["lead", "admin"]],
    ["an administrator adding PCN lead", () => admin, ["admin", "lead"]],
  ] as const)("%s is refused with a field error and nothing changes", async (_case, who, roles) => {
    const person = who();
    const audits = await auditCount();
    const outcome = await editSelf(person, [...roles]);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.roles).toBeTruthy();
    expect((await getPerson(getDb(), person.id))!.roles).toEqual(person.roles);
    expect(await auditCount()).toBe(audits);
  });

  it("a lead's own details can still be changed when the roles stay the same", async () => {
    const outcome = await editSelf({ ...team.lead, name: "Priya Shah-Evans" }, ["lead"]);
    expect(outcome.status).toBe(302);
    expect((await getPerson(getDb(), team.lead.id))!.name).toBe("Priya Shah-Evans");
  });

  it("the refusal names what to do", async () => {
    const outcome = await editSelf(team.lead, ["lead", "supervisor"]);
    expect(outcome.data.errors).toEqual({
      roles: "You cannot give yourself a new role. Ask another PCN lead or an administrator",
    });
  });

  it("staff and supervisors cannot reach anyone's role form, their own included", async () => {
    for (const person of [team.supervisor, team.coordinator]) {
      const outcome = await editSelf(person, ["lead"]);
      expect(outcome.status).toBe(404);
      expect((await getPerson(getDb(), person.id))!.roles).toEqual(person.roles);
    }
  });

  it("another lead or an administrator can give the same role", async () => {
    const target = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["lead"], jobRole: null });
    const outcome = await submit(
      personEdit.action,
      `/people/${target.id}/edit`,
      detailsOf({ ...target, roles: ["lead", "supervisor"] }),
      {
        cookie: await cookieFor(team.lead.id),
        params: { personId: String(target.id) },
      },
    );
    expect(outcome.status).toBe(302);
    expect((await getPerson(getDb(), target.id))!.roles).toEqual(["supervisor", "lead"]);
  });

  it("the model refuses it for a script too", async () => {
    const { updatePerson } = await import("~/models/user.server");
    await expect(
      updatePerson(getDb(), team.lead.id, { ...team.lead, name: "X", roles: ["lead", "admin"] }, { id: team.lead.id }),
    ).rejects.toBeInstanceOf(PersonRuleError);
  });
});

describe("nobody makes themself someone's supervisor", () => {
  const nameSupervisor = async (actorId: number, supervisorId: number) =>
    submit(
      personPage.action,
      `/people/${team.colleague.id}`,
      { intent: "add-arrangement", kind: "supervisor", arrangementPersonId: String(supervisorId), startedOn: "" },
      {
        cookie: await cookieFor(actorId),
        params: { personId: String(team.colleague.id) },
      },
    );

  it("a lead who is also a supervisor cannot name themself, and nothing is recorded", async () => {
    const audits = await auditCount();
    const outcome = await nameSupervisor(leadSupervisor.id, leadSupervisor.id);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({
      arrangementPersonId: "You cannot make yourself someone's supervisor. Ask another PCN lead or an administrator",
    });
    expect((await listArrangements(getDb(), team.colleague.id)).some((a) => a.personId === leadSupervisor.id)).toBe(
      false,
    );
    expect(await auditCount()).toBe(audits);
  });

  it("another lead can name them", async () => {
    const outcome = await nameSupervisor(team.lead.id, leadSupervisor.id);
    expect(outcome.flash).toEqual({ message: "Designated supervisor recorded" });
    expect(
      (await listArrangements(getDb(), team.colleague.id)).some(
        (a) => a.personId === leadSupervisor.id && a.kind === "supervisor",
      ),
    ).toBe(true);
  });

  it("the model refuses it whatever the caller", async () => {
    const input = {
      staffId: team.coordinator.id,
      personId: team.supervisor.id,
      kind: "supervisor" as const,
      startedOn: "2026-01-05",
      pcnId: team.pcn.id,
    };
    await expect(addArrangement(getDb(), input, { id: team.supervisor.id })).rejects.toBeInstanceOf(PersonRuleError);
    // Naming yourself line manager grants nothing, so it stays allowed.
    await expect(
      addArrangement(getDb(), { ...input, kind: "line-manager" }, { id: team.supervisor.id }),
    ).resolves.toBeUndefined();
  });
});

describe("a member of staff who keeps a portfolio belongs to a PCN", () => {
  it("an administrator adding one with no PCN gets a field error and nothing is saved", async () => {
    const audits = await auditCount();
    const outcome = await submit(
      peopleNew.action,
      "/people/new",
      detailsOf({
        name: "Orla Byrne",
        email: "orla.byrne@nhs.net",
        jobRole: "care-coordinator",
        roles: ["coordinator"],
      }),
      {
        cookie: await cookieFor(admin.id),
      },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ pcnId: "Select the PCN of a member of staff who keeps a portfolio" });
    expect(outcome.data.values.name).toBe("Orla Byrne");
    expect(await auditCount()).toBe(audits);
    expect(
      await getDb().selectFrom("users").select("id").where("email_key", "=", "orla.byrne@nhs.net").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a supervisor with no PCN and no portfolio is fine; so is a portfolio with a PCN", async () => {
    const cookie = await cookieFor(admin.id);
    const noPortfolio = await submit(
      peopleNew.action,
      "/people/new",
      detailsOf({ name: "Ben Hale", email: "ben.hale@nhs.net", roles: ["supervisor"] }),
      { cookie },
    );
    expect(noPortfolio.status).toBe(302);
    const withPcn = await submit(
      peopleNew.action,
      "/people/new",
      detailsOf({
        name: "Orla Byrne",
        email: "orla.byrne@nhs.net",
        jobRole: "care-coordinator",
        pcnId: team.pcn.id,
        roles: ["coordinator"],
      }),
      { cookie },
    );
    expect(withPcn.status).toBe(302);
  });

  it("moving someone who keeps a portfolio out of every PCN is refused", async () => {
    const outcome = await submit(
      personEdit.action,
      `/people/${team.coordinator.id}/edit`,
      detailsOf({ ...team.coordinator, pcnId: null, roles: ["coordinator"] }),
      {
        cookie: await cookieFor(admin.id),
        params: { personId: String(team.coordinator.id) },
      },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.pcnId).toBe("Select the PCN of a member of staff who keeps a portfolio");
    expect((await getPerson(getDb(), team.coordinator.id))!.pcnId).toBe(team.pcn.id);
  });

  it("scripts and factories obey it", async () => {
    const input = {
      pcnId: null,
      name: "Script Person",
      email: "script.person@nhs.net",
      jobRole: "care-coordinator",
      fte: 1,
      startDate: null,
      roles: ["coordinator" as const],
    };
    await expect(createPerson(getDb(), input, { id: null })).rejects.toThrow(
      "Select the PCN of a member of staff who keeps a portfolio",
    );
    await expect(makePerson(getDb(), { pcnId: null, roles: ["coordinator"] })).rejects.toBeInstanceOf(PersonRuleError);
    expect((await makePerson(getDb(), { roles: ["coordinator"] })).pcnId).not.toBeNull();
  });
});

describe("the person form checks names and email addresses", () => {
  it.each([
    [
      { email: `lead2@riverside-pcn.example¿'"(` },
      { email: "Enter an email address in the correct format, like name@nhs.net" },
    ],
    [{ name: "Jack \u202enosmohT" }, { name: "Name must be on one line, without hidden or control characters" }],
    [{ name: "Jack\nThompson" }, { name: "Name must be on one line, without hidden or control characters" }],
    [
      { jobRole: "care-coordinator\u0000" },
      { jobRole: "This answer contains a hidden character that cannot be saved. Type it again" },
    ],
  ])("refuses %j and saves nothing", async (change, errors) => {
    const audits = await auditCount();
    const fields = {
      ...detailsOf({
        name: "Nia Rees",
        email: "nia.rees@nhs.net",
        jobRole: "care-coordinator",
        roles: ["coordinator"],
      }),
      ...change,
    };
    const outcome = await submit(peopleNew.action, "/people/new", fields, { cookie: await cookieFor(team.lead.id) });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual(errors);
    expect(await auditCount()).toBe(audits);
  });
});

describe("a PCN lead and an administrator in their PCN", () => {
  it("the lead can see the admin but cannot change their email, reset their password or deactivate them", async () => {
    const admin = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["admin"], jobRole: null });
    const params = { params: { personId: String(admin.id) } };
    expect(
      (await load(personPage.loader, `/people/${admin.id}`, { cookie: leadCookie, ...params })).data.canManage,
    ).toBe(false);
    expect((await load(personEdit.loader, `/people/${admin.id}/edit`, { cookie: leadCookie, ...params })).status).toBe(
      404,
    );
    const takeover = await submit(
      personEdit.action,
      `/people/${admin.id}/edit`,
      { name: "Admin", email: "attacker@evil.example", roles: ["coordinator"] },
      { cookie: leadCookie, ...params },
    );
    expect(takeover.status).toBe(404);
    expect(
      (
        await submit(
          personPage.action,
          `/people/${admin.id}`,
          { intent: "password-link" },
          { cookie: leadCookie, ...params },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await submit(
          personPage.action,
          `/people/${admin.id}`,
          { intent: "deactivate", confirm: "yes" },
          { cookie: leadCookie, ...params },
        )
      ).status,
    ).toBe(404);
    const row = await getDb()
      .selectFrom("users")
      .select(["email", "active"])
      .where("id", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: admin.email, active: 1 });
  });
});

describe("deactivating someone", () => {
  it("asks first, and only the confirmed request deactivates them", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    const params = { params: { personId: String(person.id) } };
    const asked = await submit(personPage.action, "/x", { intent: "deactivate" }, { cookie: leadCookie, ...params });
    expect(asked.data).toEqual({ confirmDeactivate: true });
    const active = () =>
      getDb().selectFrom("users").select("active").where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(await active()).toEqual({ active: 1 });
    await submit(personPage.action, "/x", { intent: "deactivate", confirm: "yes" }, { cookie: leadCookie, ...params });
    expect(await active()).toEqual({ active: 0 });
  });
});

describe("the person page's forms", () => {
  it("a tampered form gets plain words, not a validator's message", async () => {
    const params = { params: { personId: String(team.coordinator.id) } };
    const outcome = await submit(
      personPage.action,
      "/x",
      { intent: "end-arrangement", arrangementId: "abc" },
      { cookie: leadCookie, ...params },
    );
    expect(outcome.data.errors.arrangementId).toBe("Choose an arrangement to end");
    const noIntent = await submit(personPage.action, "/x", { intent: "explode" }, { cookie: leadCookie, ...params });
    expect(noIntent.data.errors.intent).toBe("Choose what to do");
  });
});
