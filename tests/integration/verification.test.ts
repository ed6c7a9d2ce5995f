/**
 * Verifying training from the dashboard for several people at once, who may do it, what it refuses, and where
 * declared and verified readiness and expiring training show on the home pages and the person page.
 */
import { addDays, subMonths } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import * as home from "~/routes/_index";
import * as bulk from "~/routes/dashboard_.verify";
import * as personPage from "~/routes/people.$personId._index";
import { getDb } from "~/lib/db.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makeArrangement, makePerson } from "../../scripts/lib/factories";
import { auditCount, describeAccess, makeWorld, ROLES, type Role, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

const PCI = "pci-care-coordinator-training";
let world: World;
const perRole: Partial<Record<Role, number>> = {};

const row = (id: number) =>
  getDb().selectFrom("training_records").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const post = (fields: Record<string, string | string[]>, cookie: string) =>
  submit(bulk.action, `/dashboard/verify?requirementId=${PCI}`, fields, { cookie });

beforeAll(async () => {
  world = await makeWorld();
  for (const role of ROLES)
    perRole[role] = await makeTraining(getDb(), world.home.coordinator, PCI, { status: "enrolled" });
});

describeAccess([
  {
    name: "GET /dashboard/verify",
    allowed: ["lead", "otherLead"],
    run: (r) => load(bulk.loader, `/dashboard/verify?requirementId=${PCI}`, { cookie: world.cookies[r] }),
  },
  {
    name: "POST /dashboard/verify (a home PCN record)",
    allowed: ["lead"],
    mutates: true,
    run: (r) =>
      post({ requirementId: PCI, recordIds: [String(perRole[r])], method: "provider-list" }, world.cookies[r]),
  },
]);

describe("bulk verification", () => {
  it("lists the PCN's records of the chosen training waiting to be verified, never the lead's own or another PCN's", async () => {
    const db = getDb();
    const lead = await makePerson(db, {
      pcnId: world.home.pcn.id,
      roles: ["lead", "coordinator"],
      name: "Lee Leadwithportfolio",
    });
    const own = await makeTraining(db, lead, PCI, { status: "enrolled" });
    const other = await makeTraining(db, world.other.coordinator, PCI, { status: "enrolled" });
    const listed = await load(bulk.loader, `/dashboard/verify?requirementId=${PCI}`, {
      cookie: await cookieFor(lead.id),
    });
    const ids = listed.data.records.map((r: { value: string }) => Number(r.value));
    expect(ids).toContain(perRole.admin);
    expect(ids).not.toContain(own);
    expect(ids).not.toContain(other);
    expect(listed.data.records.find((r: { value: string }) => r.value === String(perRole.admin)).label).toMatch(
      new RegExp(`^${world.home.coordinator.name}: enrolled, no certificate uploaded$`),
    );

    // The training choices put what is waiting first, counting only records this lead may verify.
    const waiting = listed.data.requirements[0];
    expect(waiting.label).toBe("Waiting to be verified");
    expect(waiting.options.find((o: { value: string }) => o.value === PCI).label).toMatch(
      /^PCI-accredited care coordinator training \(two days\) \(\d+ waiting\)$/,
    );
    const count = Number(
      waiting.options.find((o: { value: string }) => o.value === PCI).label.match(/\((\d+) waiting\)/)[1],
    );
    expect(count).toBe(ids.length);
    expect(listed.data.requirements[1].label).toBe("Other training");

    // Posting their own record id anyway is refused as not found, and nothing is saved.
    const before = await auditCount();
    const refused = await post(
      { requirementId: PCI, recordIds: [String(own)], method: "esr" },
      await cookieFor(lead.id),
    );
    expect(refused.status).toBe(404);
    expect((await row(own)).verified_at).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it("verifies every ticked record, each with its own audit row, and says how many", async () => {
    const db = getDb();
    const second = await makePerson(db, { pcnId: world.home.pcn.id, name: "Sam Second" });
    const ids = [
      await makeTraining(db, world.home.coordinator, PCI, { completedOn: "2026-03-01" }),
      await makeTraining(db, second, PCI, { status: "undertaking" }),
    ];
    const outcome = await post(
      { requirementId: PCI, recordIds: ids.map(String), method: "other", note: "Register from the course day" },
      world.cookies.lead,
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/dashboard/verify?requirementId=${PCI}`);
    expect(outcome.flash?.message).toBe("2 records verified");
    for (const id of ids) {
      expect(await row(id)).toMatchObject({
        verified_by: world.home.lead.id,
        verification_method: "other",
        verification_note: "Register from the course day",
      });
      const audit = await db
        .selectFrom("audit_log")
        .select(["action", "pcn_id"])
        .where("entity", "=", "training")
        .where("entity_id", "=", String(id))
        .where("action", "=", "verify")
        .execute();
      expect(audit).toEqual([{ action: "verify", pcn_id: world.home.pcn.id }]);
    }
  });

  it.each([
    [
      "no training chosen",
      { requirementId: "", recordIds: ["__id__"], method: "esr" },
      "requirementId",
      "Select the training",
    ],
    ["nobody ticked", { requirementId: PCI, method: "esr" }, "recordIds", "Select at least one person to verify"],
    [
      "a record id that is not a number",
      { requirementId: PCI, recordIds: ["1 or 1=1"], method: "esr" },
      "recordIds",
      "Select people from the list",
    ],
    [
      "thousands of ids at once",
      { requirementId: PCI, recordIds: Array.from({ length: 501 }, (_, i) => String(i + 1)), method: "esr" },
      "recordIds",
      "Verify 500 records or fewer at a time",
    ],
    [
      "nothing said about what was checked",
      { requirementId: PCI, recordIds: ["__id__"] },
      "method",
      "Select what you checked",
    ],
    [
      "something else without a note",
      { requirementId: PCI, recordIds: ["__id__"], method: "other", note: "" },
      "note",
      "Enter what you checked",
    ],
    [
      "a record of different training",
      { requirementId: "fire-safety", recordIds: ["__id__"], method: "esr" },
      "recordIds",
      "Select people from the list",
    ],
  ])("refuses %s with a field message and saves nothing", async (_, fields, field, message) => {
    const id = await makeTraining(getDb(), world.home.coordinator, PCI, { status: "enrolled" });
    const form = {
      ...fields,
      ...("recordIds" in fields ? { recordIds: fields.recordIds.map((v) => (v === "__id__" ? String(id) : v)) } : {}),
    } as Record<string, string | string[]>;
    const before = await auditCount();
    const outcome = await post(form, world.cookies.lead);
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors[field]).toBe(message);
    expect((await row(id)).verified_at).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it("saves nothing when one of the ids is another PCN's (a guessed id): the whole request is not found", async () => {
    const mine = await makeTraining(getDb(), world.home.coordinator, PCI, { status: "enrolled" });
    const theirs = await makeTraining(getDb(), world.other.coordinator, PCI, { status: "enrolled" });
    for (const id of [theirs, 99_999_999]) {
      const outcome = await post(
        { requirementId: PCI, recordIds: [String(mine), String(id)], method: "esr" },
        world.cookies.lead,
      );
      expect(outcome.status).toBe(404);
    }
    expect((await row(mine)).verified_at).toBeNull();
    expect((await row(theirs)).verified_at).toBeNull();
  });

  it("saves nothing when one of the ticked records was verified meanwhile, and says why", async () => {
    const fresh = await makeTraining(getDb(), world.home.coordinator, PCI, { status: "enrolled" });
    const done = await makeTraining(getDb(), world.home.coordinator, PCI, {
      status: "enrolled",
      verifiedBy: world.home.supervisor.id,
    });
    const outcome = await post(
      { requirementId: PCI, recordIds: [String(fresh), String(done)], method: "esr" },
      world.cookies.lead,
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.form).toBe("Nothing was verified: this record has already been verified");
    expect((await row(fresh)).verified_at).toBeNull();
  });
});

describe("home pages and the person page", () => {
  const today = todayInLondon(new Date());
  const monthsAgo = (n: number, days = 0) => formatCalendarDate(addDays(subMonths(parseCalendarDate(today), n), days));

  it("shows each person's readiness state to the lead, and expired or expiring training on the lead's and the person's own home", async () => {
    const db = getDb();
    const lead = world.home.lead;
    const supervisor = world.home.supervisor;
    const ready = await makePerson(db, { pcnId: world.home.pcn.id, name: "Rita Ready" });
    const pending = await makePerson(db, { pcnId: world.home.pcn.id, name: "Pete Pending" });
    for (const p of [ready, pending]) {
      await makeArrangement(db, p, supervisor.id);
      for (const id of ["pcsp-e-learning", "shared-decision-making-e-learning"])
        await makeTraining(db, p, id, { completedOn: monthsAgo(2) });
    }
    await makeTraining(db, ready, PCI, { completedOn: monthsAgo(2), verifiedBy: supervisor.id });
    await makeTraining(db, pending, PCI, { completedOn: monthsAgo(2) });
    await makeTraining(db, pending, "information-governance", { completedOn: monthsAgo(13) }); // expired
    await makeTraining(db, pending, "fire-safety", { completedOn: monthsAgo(24, 20) }); // expires in about 20 days

    const leadHome = (await load(home.loader, "/", { cookie: await cookieFor(lead.id) })).data;
    const stateOf = (name: string) => leadHome.teamReadiness.find((p: { name: string }) => p.name === name)?.state;
    expect(stateOf("Rita Ready")).toBe("ready");
    expect(stateOf("Pete Pending")).toBe("pending-verification");
    expect(stateOf(world.home.coordinator.name)).toBe("not-ready");
    expect(leadHome.canBulkVerify).toBe(true);
    const peteExpiries = leadHome.teamExpiries.find((p: { name: string }) => p.name === "Pete Pending").expiries;
    expect(peteExpiries.map((e: { requirementId: string; state: string }) => [e.requirementId, e.state])).toEqual([
      ["information-governance", "expired"],
      ["fire-safety", "expiring-soon"],
    ]);
    expect(leadHome.teamExpiries.map((p: { name: string }) => p.name)).not.toContain("Rita Ready");

    const ownHome = (await load(home.loader, "/", { cookie: await cookieFor(pending.id) })).data;
    expect(ownHome.ownReadiness).toMatchObject({
      state: "pending-verification",
      awaitingVerification: ["PCI-accredited care coordinator training (two days): completed, not yet verified"],
    });
    expect(ownHome.ownExpiries).toEqual([{ personId: pending.id, name: "Pete Pending", expiries: peteExpiries }]);
    const readyHome = (await load(home.loader, "/", { cookie: await cookieFor(ready.id) })).data;
    expect(readyHome.ownExpiries).toEqual([]);

    const page = (
      await load(personPage.loader, `/people/${pending.id}`, {
        cookie: await cookieFor(lead.id),
        params: { personId: String(pending.id) },
      })
    ).data;
    expect(page.readiness).toMatchObject({ state: "pending-verification" });
  });
});
