/**
 * "Appraisals" (/appraisals): a line manager's list of the people they manage now, each a way to the appraisals
 * they record (ADR 0019). Anyone who line manages nobody today gets "not found", whatever else they may do.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { setActive } from "~/models/user.server";
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
  admin = await makePerson(db, { roles: ["admin"] });
  for (const person of [zoe, adam, left]) await makeArrangement(db, person, manager.id, "line-manager");
  await makeArrangement(db, later, manager.id, "line-manager", "2999-01-01");
  await makeArrangement(db, zoe, supervisorOnly.id);
  await setActive(db, left.id, false, { id: admin.id, ip: null });
});

describe("the line manager's Appraisals page", () => {
  it("lists the active people they line manage today, by name", async () => {
    const outcome = await load(appraisalsPage.loader, "/appraisals", { cookie: await cookieFor(manager.id) });
    expect(outcome.status).toBe(200);
    expect(outcome.data.people).toEqual([
      { id: adam.id, name: "Adam Report" },
      { id: zoe.id, name: "Zoe Report" },
    ]);
  });

  it("is not found for a supervisor, an administrator or a report, who line manage nobody", async () => {
    for (const person of [supervisorOnly, admin, zoe]) {
      const outcome = await load(appraisalsPage.loader, "/appraisals", { cookie: await cookieFor(person.id) });
      expect(outcome.status).toBe(404);
    }
  });

  it("sends a signed-out visitor to sign in", async () => {
    const outcome = await load(appraisalsPage.loader, "/appraisals");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/sign-in/);
  });
});
