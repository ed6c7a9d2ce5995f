/**
 * "Appraisals" (/appraisals): an appraiser's list of the people whose appraisals they record now (ADR 0019): those
 * they line manage, and those they supervise who have no line manager. The menu shows it to an appraiser with no
 * People list to find them in. Anyone who appraises nobody today gets "not found", whatever else they may do.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setActive } from "~/models/user.server";
import * as root from "~/root";
import * as appraisalsPage from "~/routes/appraisals";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

type Person = Awaited<ReturnType<typeof makePerson>>;
let manager: Person;
let zoe: Person;
let adam: Person;
let left: Person;
let later: Person;
let supervisorOnly: Person;
let appraisingSupervisor: Person;
let nina: Person;
let orla: Person;
let lead: Person;
let admin: Person;

beforeAll(async () => {
  const db = getDb();
  const pcn = await makePcn(db);
  const staff = (name: string) => makePerson(db, { pcnId: pcn.id, name });
  manager = await staff("Mina Manager");
  zoe = await staff("Zoe Report");
  adam = await staff("Adam Report");
  left = await staff("Lee Left");
  later = await staff("Fay Future");
  supervisorOnly = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"] });
  appraisingSupervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"] });
  nina = await staff("Nina No-Manager");
  orla = await staff("Orla Manager-Left");
  const leaver = await staff("Len Leaver");
  const unmanagedLeaver = await staff("Una Unmanaged-Left");
  lead = await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null });
  admin = await makePerson(db, { roles: ["admin"] });
  for (const person of [zoe, adam, left]) await makeArrangement(db, person, manager.id, "line-manager");
  await makeArrangement(db, later, manager.id, "line-manager", "2999-01-01");
  await makeArrangement(db, zoe, supervisorOnly.id);
  // Appraised by their designated supervisor: nobody manages Nina; Orla's line manager has left.
  for (const person of [zoe, nina, orla, unmanagedLeaver]) await makeArrangement(db, person, appraisingSupervisor.id);
  await makeArrangement(db, orla, leaver.id, "line-manager");
  for (const gone of [left, leaver, unmanagedLeaver]) await setActive(db, gone.id, false, { id: admin.id, ip: null });
});

const cookieOf = (person: Person) => cookieFor(person.id);
const openList = async (person: Person) =>
  load(appraisalsPage.loader, "/appraisals", { cookie: await cookieOf(person) });
const menuOf = async (person: Person) =>
  ((await load(root.loader, "/", { cookie: await cookieOf(person) })).data.navigation as { href: string }[]).map(
    (item) => item.href,
  );

describe("the Appraisals page", () => {
  it("lists the active people a line manager manages today, by name", async () => {
    const outcome = await openList(manager);
    expect(outcome.status).toBe(200);
    expect(outcome.data.people).toEqual([
      { id: adam.id, name: "Adam Report" },
      { id: zoe.id, name: "Zoe Report" },
    ]);
  });

  it("lists the active people a designated supervisor supervises who have no line manager, or one who has left", async () => {
    const outcome = await openList(appraisingSupervisor);
    expect(outcome.status).toBe(200);
    expect(outcome.data.people).toEqual([
      { id: nina.id, name: "Nina No-Manager" },
      { id: orla.id, name: "Orla Manager-Left" },
    ]);
  });

  it("is not found for a supervisor whose supervisees all have a line manager, a lead, an administrator or a report", async () => {
    for (const person of [supervisorOnly, lead, admin, zoe]) expect((await openList(person)).status).toBe(404);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const outcome = await load(appraisalsPage.loader, "/appraisals");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/sign-in/);
  });
});

describe("the menu's Appraisals item", () => {
  it("is shown to a line manager and to a supervisor who appraises someone, and opens their list", async () => {
    for (const person of [manager, appraisingSupervisor]) {
      expect(await menuOf(person)).toContain("/appraisals");
      expect((await openList(person)).status).toBe(200);
    }
  });

  it("is not shown to a member of staff, a supervisor who appraises nobody, a lead or an administrator", async () => {
    for (const person of [zoe, supervisorOnly, lead, admin]) expect(await menuOf(person)).not.toContain("/appraisals");
  });

  it("is not shown to a lead who line manages someone: they find them through People", async () => {
    const managingLead = await makePerson(getDb(), { pcnId: zoe.pcnId, roles: ["lead"], jobRole: null });
    await makeArrangement(getDb(), nina, managingLead.id, "line-manager");
    const menu = await menuOf(managingLead);
    expect(menu).toContain("/people");
    expect(menu).not.toContain("/appraisals");
    expect((await openList(managingLead)).data.people).toEqual([{ id: nina.id, name: "Nina No-Manager" }]);
    // Nina has a line manager now, so her supervisor no longer appraises her.
    expect((await openList(appraisingSupervisor)).data.people).toEqual([{ id: orla.id, name: "Orla Manager-Left" }]);
  });
});
