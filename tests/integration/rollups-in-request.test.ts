/**
 * A page never works out more than ROLLUP_REFRESH_IN_REQUEST standings itself (3 here; a PCN's worth in
 * production). The day after the appraisal year ends every standing is stale: the administrator's dashboard then
 * answers from the stored figures, says they are being brought up to date and as of when, and a background run
 * works them out, after which they equal a rebuild. A lead's PCN, within the bound, is still refreshed in the
 * request. After a change of content the same: the stored figures with a notice, and a background rebuild.
 */
process.env.ROLLUP_REFRESH_IN_REQUEST = "3";

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FiguresFreshness } from "~/components/dashboard/FiguresFreshness";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { formatDate } from "~/domain/format";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { ensureRollups, rebuildRollups, refreshStaleStandings, rollupsCatchingUp } from "~/models/rollups.server";
import * as readinessApi from "~/routes/api.readiness";
import * as dashboardCsv from "~/routes/dashboard[.csv]";
import * as complianceReport from "~/routes/reports.compliance[.pdf]";
import { FIGURES_UPDATING_MESSAGE } from "~/components/busy-page";
import * as dashboard from "~/routes/dashboard";
import { makePcn, makePerson } from "../../scripts/lib/factories";
import { makeCpd } from "../../scripts/lib/factories/compliance";
import { cookieFor, load } from "./harness";
import { watchStatements } from "./statements-sent";

const T0 = todayInLondon(new Date());
const yearEnd = appraisalYearOfDate(T0).end;
const turn = addCalendarDays(yearEnd, 1);
const nextTurn = addCalendarDays(appraisalYearOfDate(turn).end, 1);
/** Noon in London's winter or summer alike falls on the same calendar day. */
const noonOn = (day: string) => new Date(`${day}T12:00:00Z`);

let adminId: number;
let leadId: number;

const firstHandle = getDb();
afterAll(() => firstHandle.destroy());
afterEach(() => vi.useRealTimers());

beforeAll(async () => {
  const db = getDb();
  const big = await makePcn(db, { name: "Big PCN" });
  const small = await makePcn(db, { name: "Small PCN" });
  // No training and no supervisor: nothing about them changes with time but the appraisal year's turn.
  for (const [pcn, n] of [
    [big, 5],
    [small, 2],
  ] as const)
    for (let i = 0; i < n; i++) {
      const person = await makePerson(db, { pcnId: pcn.id, password: null });
      await makeCpd(db, person, { activityDate: T0, hours: 2 });
    }
  adminId = (await makePerson(db, { roles: ["admin"], jobRole: null })).id;
  leadId = (await makePerson(db, { pcnId: small.id, roles: ["lead"], jobRole: null })).id;
  expect(await ensureRollups(db, T0, Infinity)).toBe(true);
});

/** Where the clock says it is `day`, the dashboard as this person sees it. */
async function dashboardOn(day: string, userId: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(noonOn(day));
  const cookie = await cookieFor(userId);
  return (await load(dashboard.loader, "/dashboard", { cookie })).data as Awaited<ReturnType<typeof dashboard.loader>>;
}

const computedOn = async () =>
  Object.fromEntries(
    (
      await getDb()
        .selectFrom("person_standings")
        .innerJoin("pcns", "pcns.id", "person_standings.pcn_id")
        .select(["pcns.name", "person_standings.computed_on"])
        .distinct()
        .execute()
    ).map((r) => [r.name, r.computed_on]),
  );

/** Everything the rollups store, to compare with what a rebuild stores. */
async function stored() {
  const db = getDb();
  return {
    people: (await db.selectFrom("person_standings").selectAll().orderBy("user_id").execute()).map(
      ({ computed_on: _, ...row }) => row,
    ),
    states: await db
      .selectFrom("person_requirement_states")
      .selectAll()
      .orderBy("user_id")
      .orderBy("requirement_id")
      .execute(),
    // Parsed: the same figures may be written with their requirements in another order.
    pcns: (await db.selectFrom("pcn_standings").selectAll().orderBy("pcn_key").execute()).map((r) => [
      r.pcn_key,
      JSON.parse(r.figures_json) as unknown,
    ]),
    totals: (await db.selectFrom("scope_standings").selectAll().orderBy("scope").execute()).map((r) => [
      r.scope,
      JSON.parse(r.figures_json) as unknown,
    ]),
  };
}

const notice = (data: Awaited<ReturnType<typeof dashboardOn>>) =>
  renderToStaticMarkup(createElement(FiguresFreshness, { freshness: data.freshness }));

describe("a dashboard request past the bound", () => {
  it("answers from the stored figures with a notice, and the background run brings them up to date", async () => {
    const data = await dashboardOn(turn, adminId);
    expect(data.freshness).toEqual({ upToDate: false, reason: "time", asOf: yearEnd });
    // Last year's CPD hours still counted: the page answered from what was stored before the turn.
    expect(data.summary.cpdHours).toBe(14);
    expect(notice(data)).toContain("These figures are being brought up to date");
    expect(notice(data)).toContain(`since ${formatDate(yearEnd)}`);

    const run = rollupsCatchingUp();
    expect(run).not.toBeNull();
    expect(await run).toBe(7);
    expect(await computedOn()).toEqual({ "Big PCN": turn, "Small PCN": turn });
    const after = await dashboardOn(turn, adminId);
    expect(after.freshness).toEqual({ upToDate: true });
    expect(notice(after)).toBe("");
    expect(after.summary.cpdHours).toBe(0);
    const refreshed = await stored();
    await rebuildRollups(getDb(), turn);
    expect(await stored()).toEqual(refreshed);
  });

  it("a lead's PCN, within the bound, is still refreshed in the request, and only it", async () => {
    const before = await computedOn();
    const data = await dashboardOn(nextTurn, leadId);
    expect(data.freshness).toEqual({ upToDate: true });
    expect(rollupsCatchingUp()).toBeNull();
    expect(await computedOn()).toEqual({ "Big PCN": before["Big PCN"], "Small PCN": nextTurn });
    expect(data.total).toBe(2);
    // The five left stale are past the bound for the administrator's view.
    expect((await dashboardOn(nextTurn, adminId)).freshness).toMatchObject({ upToDate: false, reason: "time" });
    await rollupsCatchingUp();
  });
});

type ApiPerson = { personId: number; ready: boolean; readiness: string; upToDate: boolean; asOf?: string };

/** Where the clock says it is `day`, the administrator's readiness API, page by page (two people a page). */
async function readinessOn(day: string, loader = readinessApi.loader) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(noonOn(day));
  const cookie = await cookieFor(adminId);
  const people: ApiPerson[] = [];
  for (let path: string | null = "/api/readiness?limit=2"; path;) {
    const page = (await load(loader, path, { cookie })).data as { people: ApiPerson[]; next: string | null };
    people.push(...page.people);
    path = page.next;
  }
  return people;
}

describe("the readiness API, whose answers people assign referrals on", () => {
  it("works out each page's own stale answers in the request, whatever the bound, leaving the rest", async () => {
    await rollupsCatchingUp();
    const before = await computedOn();
    const later = addCalendarDays(appraisalYearOfDate(nextTurn).end, 1);
    const people = await readinessOn(later);
    expect(people).toHaveLength(7);
    expect(people.every((p) => p.upToDate && p.asOf === undefined)).toBe(true);
    // Seven stale standings, more than the bound of three, all worked out a page (two) at a time.
    expect(await computedOn()).toEqual({ "Big PCN": later, "Small PCN": later });
    expect(before).not.toEqual(await computedOn());
  });
});

describe("exports, which carry no notice", () => {
  it("answer 503 saying the figures are being brought up to date, past the bound, and the file once they are", async () => {
    await rollupsCatchingUp();
    const later = addCalendarDays(appraisalYearOfDate(nextTurn).end, 1);
    const yetLater = addCalendarDays(appraisalYearOfDate(later).end, 1);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(noonOn(yetLater));
    const cookie = await cookieFor(adminId);
    for (const [loader, path] of [
      [dashboardCsv.loader, "/dashboard.csv"],
      [complianceReport.loader, "/reports/compliance.pdf"],
    ] as const) {
      const refused = await load(loader, path, { cookie });
      expect(refused.status).toBe(503);
      expect(refused.data).toContain(FIGURES_UPDATING_MESSAGE);
    }
    await rollupsCatchingUp();
    const csv = await load(dashboardCsv.loader, "/dashboard.csv", { cookie });
    expect(csv.status).toBe(200);
    // A header and the seven members of staff.
    expect((csv.data as string).trim().split("\n")).toHaveLength(8);
  });
});

describe("catch-ups started at once, as each process of a deployment starts its own", () => {
  const statements = watchStatements();

  it("work each stale standing out once between them", async () => {
    await rollupsCatchingUp();
    const day = addCalendarDays(appraisalYearOfDate(addCalendarDays(appraisalYearOfDate(nextTurn).end, 1)).end, 400);
    statements.clear();
    const [first, second] = await Promise.all([
      refreshStaleStandings(getDb(), (eb) => eb.lit(true), day),
      refreshStaleStandings(getDb(), (eb) => eb.lit(true), day),
    ]);
    // Both listed the seven as stale; the one that came second found them done under the lock.
    expect([first, second]).toEqual([7, 7]);
    expect(statements.sent().filter((sql) => /insert into "person_standings"/.test(sql))).toHaveLength(1);
    expect(await computedOn()).toEqual({ "Big PCN": day, "Small PCN": day });
  });
});

describe("after the content or settings change", () => {
  it("the readiness API says its answers are not up to date, and as of when, until they are rebuilt", async () => {
    await getDb().updateTable("rollup_meta").set({ value: "older content" }).where("name", "=", "rules").execute();
    vi.resetModules();
    const freshApi = await import("~/routes/api.readiness");
    const fresh = await import("~/models/rollups.server");
    const people = await readinessOn(nextTurn, freshApi.loader);
    expect(people).toHaveLength(7);
    for (const person of people) expect(person).toMatchObject({ upToDate: false });
    expect(people.every((p) => typeof p.asOf === "string")).toBe(true);
    await fresh.rollupsCatchingUp();
    const rebuilt = await readinessOn(nextTurn, freshApi.loader);
    expect(rebuilt.every((p) => p.upToDate && p.asOf === undefined)).toBe(true);
  });

  it("a page past the bound shows the stored figures with a notice while they are rebuilt in the background", async () => {
    const db = getDb();
    // As a server started under new content finds the rollups: built under other rules.
    await db.updateTable("rollup_meta").set({ value: "older content" }).where("name", "=", "rules").execute();
    vi.resetModules();
    const fresh = await import("~/models/rollups.server");
    const freshDashboard = await import("~/models/dashboard.server");
    const page = await freshDashboard.dashboardPage(
      getDb(),
      { kind: "all" },
      { sort: "name", direction: "asc" },
      nextTurn,
      {
        page: 1,
        pageSize: 25,
      },
    );
    expect(page.freshness).toMatchObject({ upToDate: false, reason: "rules" });
    expect(renderToStaticMarkup(createElement(FiguresFreshness, { freshness: page.freshness }))).toContain(
      "worked out again now",
    );
    expect(page.summary.cpdHours).toBe(0);

    await fresh.rollupsCatchingUp();
    const rule = await getDb().selectFrom("rollup_meta").select("value").where("name", "=", "rules").executeTakeFirst();
    expect(rule?.value).not.toBe("older content");
    expect(await fresh.ensureRollups(getDb(), nextTurn, 0)).toBe(true);
    const rebuilt = await stored();
    await fresh.rebuildRollups(getDb(), nextTurn);
    expect(await stored()).toEqual(rebuilt);
  });
});
