/**
 * The stored forecasts (scope_expiries, migration 0019) came after the other rollups: a database whose rollups were
 * built before them gets them counted from its stored standings the first time a server process uses the rollups,
 * without every standing being worked out again, and only once. A "server process" here is a fresh copy of the app's
 * modules (vi.resetModules), as the rollups remember in memory that they were checked. The expected days are worked
 * out here with date-fns from the completion dates and the periods of content/training-requirements.json.
 */
import { addMonths } from "date-fns";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { renewalForecast } from "~/models/renewal-forecast.server";
import { ensureRollups } from "~/models/rollups.server";
import type { TotalScope } from "~/models/scope-figures.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makePcn, makePerson } from "../../scripts/lib/factories";

const today = todayInLondon(new Date());
/** Fire safety renews every 24 months, information governance every 12. */
const expiry = (completedOn: string, months: number) =>
  formatCalendarDate(addMonths(parseCalendarDate(completedOn), months));
const monthsAgo = (months: number, day: string) => `${expiry(`${today.slice(0, 8)}01`, -months).slice(0, 8)}${day}`;

/** Completions that lapse within the next year. */
const north = { fire: monthsAgo(22, "03"), governance: monthsAgo(10, "12") };
const south = { fire: monthsAgo(21, "20") };
const noIcs = { fire: monthsAgo(22, "03") };

type StoredDay = { scope: string; expires_on: string; requirement_id: string; people: number };
const storedDays = async () =>
  (await getDb().selectFrom("scope_expiries").selectAll().execute())
    .map((r) => ({ ...r, people: Number(r.people) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** As migration 0019 leaves a database whose rollups were built before it: no stored days, no note of them. */
async function asBeforeTheStoredForecasts() {
  const db = getDb();
  await db.deleteFrom("scope_expiries").execute();
  await db.deleteFrom("rollup_meta").where("name", "=", "expiries").execute();
}

/** ensureRollups as a server process that has just started sees it. */
async function ensureInNewProcess(): Promise<void> {
  vi.resetModules();
  const fresh = await import("~/models/rollups.server");
  expect(fresh.ensureRollups).not.toBe(ensureRollups);
  await fresh.ensureRollups(getDb(), today);
}

let expected: StoredDay[];

// The set-up's own afterAll closes the database handle of the modules loaded last; this file's first one is closed here.
const firstHandle = getDb();
afterAll(() => firstHandle.destroy());

beforeAll(async () => {
  const db = getDb();
  const northPcn = await makePcn(db, { icsName: "North ICS" });
  const southPcn = await makePcn(db, { icsName: "South ICS" });
  const loosePcn = await makePcn(db, { icsName: null });
  const ann = await makePerson(db, { pcnId: northPcn.id, name: "Ann North" });
  const bea = await makePerson(db, { pcnId: northPcn.id, name: "Bea North" });
  const cai = await makePerson(db, { pcnId: southPcn.id, name: "Cai South" });
  const dev = await makePerson(db, { pcnId: loosePcn.id, name: "Dev Loose" });
  await makeTraining(db, ann, "fire-safety", { completedOn: north.fire });
  await makeTraining(db, bea, "fire-safety", { completedOn: north.fire });
  await makeTraining(db, ann, "information-governance", { completedOn: north.governance });
  await makeTraining(db, cai, "fire-safety", { completedOn: south.fire });
  await makeTraining(db, dev, "fire-safety", { completedOn: noIcs.fire });
  // Built the usual way first: the rollups, the stored days and the note that they are built.
  await ensureRollups(db, today);

  const northFire = expiry(north.fire, 24);
  const northGovernance = expiry(north.governance, 12);
  const southFire = expiry(south.fire, 24);
  const day = (scope: string, expiresOn: string, requirementId: string, people: number) => ({
    scope,
    expires_on: expiresOn,
    requirement_id: requirementId,
    people,
  });
  // Dev's PCN is in no ICS; north.fire and noIcs.fire lapse on the same day.
  expected = [
    day("all", northFire, "fire-safety", 3),
    day("all", northGovernance, "information-governance", 1),
    day("all", southFire, "fire-safety", 1),
    day("ics:North ICS", northFire, "fire-safety", 2),
    day("ics:North ICS", northGovernance, "information-governance", 1),
    day("ics:South ICS", southFire, "fire-safety", 1),
  ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
});

const forecastTotal = async (scope: TotalScope) =>
  (await renewalForecast(getDb(), scope, today, { withNames: false })).reduce((n, m) => n + m.total, 0);

describe("the stored forecasts on a database from before them", () => {
  it("are counted from the stored standings on first use, once, without working the standings out again", async () => {
    expect(await storedDays()).toEqual(expected);
    await asBeforeTheStoredForecasts();
    expect(await forecastTotal({ kind: "all" })).toBe(0);
    // A stored standing the first use must leave as it is: working everyone out again would put the name back.
    const db = getDb();
    const standing = await db.selectFrom("person_standings").select(["user_id", "name"]).executeTakeFirstOrThrow();
    await db
      .updateTable("person_standings")
      .set({ name: "Left as stored" })
      .where("user_id", "=", standing.user_id)
      .execute();

    await ensureInNewProcess();
    expect(await storedDays()).toEqual(expected);
    const note = await db.selectFrom("rollup_meta").select("value").where("name", "=", "expiries").execute();
    expect(note).toHaveLength(1);
    const kept = await db
      .selectFrom("person_standings")
      .select("name")
      .where("user_id", "=", standing.user_id)
      .executeTakeFirstOrThrow();
    expect(kept.name).toBe("Left as stored");
    // The admin's and an ICS's forecasts read them: every day above lapses within the next 12 months.
    expect(await forecastTotal({ kind: "all" })).toBe(5);
    expect(await forecastTotal({ kind: "ics", icsName: "North ICS" })).toBe(3);
    expect(await forecastTotal({ kind: "ics", icsName: "South ICS" })).toBe(1);

    // The next process to start finds them built and counts nothing twice.
    await ensureInNewProcess();
    expect(await storedDays()).toEqual(expected);
  });
});
