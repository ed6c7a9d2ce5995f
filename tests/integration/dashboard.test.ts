/**
 * The PCN lead dashboard and its CSV export: who may see it, that its figures are what the records say (counted
 * here by hand and with plain SQL, not through the dashboard model), filters, sorting and a CSV that survives a
 * spreadsheet.
 */
import fs from "node:fs";
import path from "node:path";
import type { TZDate } from "@date-fns/tz";
import { addMonths, subDays, subMonths } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { appraisalYear } from "~/domain/appraisal-year";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import * as csvRoute from "~/routes/dashboard[.csv]";
import * as dashboard from "~/routes/dashboard";
import { getDb } from "~/lib/db.server";
import { refreshStandings } from "~/models/rollups.server";
import { setActive } from "~/models/user.server";
import { completeAll, makeCpd, makeMeeting, makeTraining } from "../../scripts/lib/factories/compliance";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { describeAccess, makeWorld, type World } from "./access-table";
import { readCsv } from "../support/csv";
import { cookieFor, load } from "./harness";

const CARE_COORDINATOR = [
  "pci-care-coordinator-training",
  "pcsp-e-learning",
  "shared-decision-making-e-learning",
  "information-governance",
  "safeguarding-adults",
  "safeguarding-children",
  "consent-and-mental-capacity",
  "equality-diversity-human-rights",
  "fire-safety",
  "health-safety-welfare",
  "infection-prevention-control",
  "conflict-resolution",
  "moving-handling",
  "preventing-radicalisation",
  "resuscitation-basic-life-support",
  "oliver-mcgowan-tier-1",
];
const FRAMEWORK_SIZE = (
  JSON.parse(fs.readFileSync(path.resolve("content/framework.json"), "utf8")) as {
    areas: { competencies: unknown[] }[];
  }
).areas.reduce((n, a) => n + a.competencies.length, 0);

const today = todayInLondon(new Date());
const day = (d: TZDate) => formatCalendarDate(d);
const monthsAgo = (n: number) => day(subMonths(parseCalendarDate(today), n));
const daysAgo = (n: number) => day(subDays(parseCalendarDate(today), n));
const year = appraisalYear(today);

let world: World;
let scenario: { lead: { id: number }; ann: { id: number }; ben: { id: number }; cara: { id: number }; pcnId: number };

beforeAll(async () => {
  world = await makeWorld();
  const db = getDb();
  const pcn = await makePcn(db, { name: "Scenario PCN" });
  const lead = await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null, name: "Lena Lead" });
  const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null });
  const longAgo = daysAgo(400);
  const ann = await makePerson(db, { pcnId: pcn.id, name: "Ann Able", startDate: longAgo });
  const ben = await makePerson(db, { pcnId: pcn.id, name: "Ben Brook", startDate: longAgo });
  const cara = await makePerson(db, {
    pcnId: pcn.id,
    name: "Cara Córdoba",
    jobRole: "health-and-wellbeing-coach",
    startDate: longAgo,
    fte: 1,
  });
  const gone = await makePerson(db, { pcnId: pcn.id, name: "Gone Away" });
  await setActive(db, gone.id, false, { id: null });
  for (const p of [ann, ben, cara]) await makeArrangement(db, p, supervisor.id);

  // Ann: everything done a month ago, two CPD entries this appraisal year and one the year before.
  await completeAll(db, ann, CARE_COORDINATOR, monthsAgo(1));
  // Her accredited course is verified too, so she is ready; Cara's coaching programme is only self-declared.
  await makeTraining(db, ann, "pci-care-coordinator-training", {
    completedOn: monthsAgo(1),
    verifiedBy: supervisor.id,
  });
  await makeCpd(db, ann, { activityDate: today, hours: 1.5 });
  await makeCpd(db, ann, { activityDate: year.start, hours: 2 });
  await makeCpd(db, ann, { activityDate: day(subDays(parseCalendarDate(year.start), 1)), hours: 10 });
  await makeMeeting(db, ann, supervisor.id, { metOn: daysAgo(3) });
  // One competency signed off; a second signed off then withdrawn.
  for (const [competency, action] of [
    ["pc-1", "sign-off"],
    ["pc-2", "sign-off"],
    ["pc-2", "withdraw"],
  ] as const) {
    await db
      .insertInto("competency_signoffs")
      .values({
        user_id: ann.id,
        competency_id: competency,
        framework_version: "2026.1",
        action,
        comment: "ok",
        actor_id: supervisor.id,
        at: new Date().toISOString(),
      })
      .execute();
  }
  // Written straight to the table above, not through the model, so her standing is refreshed by hand.
  await db.transaction().execute((trx) => refreshStandings(trx, [ann.id]));

  // Ben: nothing at all, and has never met his supervisor.

  // Cara: coaching programme under way, IG expired, resuscitation expiring within the 60-day window, fire safety valid.
  await makeTraining(db, cara, "health-coaching-skills-programme", { status: "undertaking" });
  await makeTraining(db, cara, "information-governance", { completedOn: monthsAgo(13) });
  await makeTraining(db, cara, "resuscitation-basic-life-support", {
    completedOn: day(subDays(addMonths(parseCalendarDate(today), -12), -30)),
  });
  await makeTraining(db, cara, "fire-safety", { completedOn: monthsAgo(1) });
  await makeMeeting(db, cara, supervisor.id, { metOn: daysAgo(28) });

  scenario = { lead, ann, ben, cara, pcnId: pcn.id };
});

describeAccess([
  {
    name: "GET /dashboard",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(dashboard.loader, "/dashboard", { cookie: world.cookies[r] }),
  },
  {
    name: "GET /dashboard.csv",
    allowed: ["admin", "lead", "otherLead"],
    run: (r) => load(csvRoute.loader, "/dashboard.csv", { cookie: world.cookies[r] }),
  },
]);

async function asLead(query = "") {
  return (await load(dashboard.loader, `/dashboard${query}`, { cookie: await cookieFor(scenario.lead.id) })).data;
}
type Row = {
  id: number;
  name: string;
  ready: boolean;
  blockers: string[];
  training: Record<string, number>;
  supervision: { state: string };
  signedOff: number;
  competencies: number;
  cpdHours: number;
};
const names = (rows: Row[]) => rows.map((r) => r.name);

describe("scope", () => {
  it("a lead sees only the staff of their own PCN, whatever PCN the URL asks for", async () => {
    const data = await load(dashboard.loader, `/dashboard?pcn=${scenario.pcnId}`, { cookie: world.cookies.lead });
    expect(new Set(data.data.rows.map((r: Row) => r.id))).toEqual(
      new Set([world.home.coordinator.id, world.home.colleague.id]),
    );
  });

  it("an admin sees every PCN, or the one they choose", async () => {
    const all = await load(dashboard.loader, "/dashboard", { cookie: world.cookies.admin });
    const ids = all.data.rows.map((r: Row) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([world.home.coordinator.id, world.other.coordinator.id, scenario.ann.id]),
    );
    const one = await load(dashboard.loader, `/dashboard?pcn=${scenario.pcnId}`, { cookie: world.cookies.admin });
    expect(names(one.data.rows)).toEqual(["Ann Able", "Ben Brook", "Cara Córdoba"]);
  });
});

describe("figures match the records", () => {
  it("gives one row per active member of staff with readiness, training, supervision, competencies and CPD", async () => {
    const data = await asLead();
    expect(names(data.rows)).toEqual(["Ann Able", "Ben Brook", "Cara Córdoba"]);
    const [ann, ben, cara] = data.rows as Row[];

    expect(ann).toMatchObject({
      state: "ready",
      verification: { verified: 1, recorded: 16 },
      training: { valid: 16, "expiring-soon": 0, "in-progress": 0, expired: 0, missing: 0 },
      supervision: { state: "ok" },
      signedOff: 1,
      competencies: FRAMEWORK_SIZE,
    });
    expect(ben).toMatchObject({
      state: "not-ready",
      verification: { verified: 0, recorded: 0 },
      training: { valid: 0, "expiring-soon": 0, "in-progress": 0, expired: 0, missing: 16 },
      supervision: { state: "overdue" },
      signedOff: 0,
      cpdHours: 0,
    });
    expect(ben!.blockers).toHaveLength(3);
    expect(cara).toMatchObject({
      state: "pending-verification",
      awaitingVerification: [
        "PCI-accredited health coaching skills programme (at least four days): in progress, not yet verified",
      ],
      verification: { verified: 0, recorded: 4 },
      training: { valid: 1, "expiring-soon": 1, "in-progress": 1, expired: 1, missing: 11 },
      supervision: { state: "due-soon" },
    });

    const { n } = await getDb()
      .selectFrom("cpd_entries")
      .select((eb) => eb.fn.sum<number>("hours").as("n"))
      .where("user_id", "=", scenario.ann.id)
      .where("activity_date", ">=", year.start)
      .where("activity_date", "<=", year.end)
      .executeTakeFirstOrThrow();
    expect(ann!.cpdHours).toBe(Number(n));
    expect(ann!.cpdHours).toBe(3.5);

    expect(data.summary).toEqual({
      staff: 3,
      ready: 1,
      pendingVerification: 1,
      supervisionOverdue: 1,
      supervisionDueSoon: 1,
      noSupervisor: 0,
      trainingExpired: 1,
      trainingExpiring: 1,
      trainingMissing: 27,
      cpdHours: 3.5,
    });
  });

  it("counts each requirement's staff by state, out of those whose role requires it", async () => {
    const { compliance } = await asLead();
    const find = (id: string) => compliance.find((c: { id: string }) => c.id === id);
    expect(find("information-governance")).toMatchObject({
      required: 3,
      counts: { valid: 1, "expiring-soon": 0, "in-progress": 0, expired: 1, missing: 1 },
    });
    expect(find("pci-care-coordinator-training")).toMatchObject({ required: 2, counts: { valid: 1, missing: 1 } });
    expect(find("health-coaching-skills-programme")).toMatchObject({ required: 1, counts: { "in-progress": 1 } });
    expect(find("resuscitation-basic-life-support")).toMatchObject({
      required: 3,
      counts: { valid: 1, "expiring-soon": 1, missing: 1 },
    });
    expect(find("care-certificate")).toBeUndefined();
    // In the content's order.
    const contentOrder = (
      JSON.parse(fs.readFileSync(path.resolve("content/training-requirements.json"), "utf8")) as {
        requirements: { id: string }[];
      }
    ).requirements.map((r) => r.id);
    const ids = compliance.map((c: { id: string }) => c.id);
    expect(ids).toEqual(contentOrder.filter((id) => ids.includes(id)));
    expect(ids.length).toBeGreaterThan(10);
  });
});

describe("filters and sorting, on the server", () => {
  it.each([
    ["?readiness=not-ready", ["Ben Brook"]],
    ["?readiness=pending-verification", ["Cara Córdoba"]],
    ["?readiness=ready", ["Ann Able"]],
    ["?verified=unverified", ["Ann Able", "Cara Córdoba"]],
    ["?verified=verified", ["Ben Brook"]],
    ["?sort=verified", ["Ann Able", "Cara Córdoba", "Ben Brook"]],
    ["?supervision=overdue", ["Ben Brook"]],
    ["?supervision=due-soon", ["Cara Córdoba"]],
    ["?training=expired", ["Cara Córdoba"]],
    ["?jobRole=health-and-wellbeing-coach", ["Cara Córdoba"]],
    ["?q=ANN", ["Ann Able"]],
    ["?sort=missing", ["Ben Brook", "Cara Córdoba", "Ann Able"]],
    ["?sort=cpd&dir=desc", ["Ann Able", "Ben Brook", "Cara Córdoba"]],
    ["?sort=readiness", ["Ben Brook", "Cara Córdoba", "Ann Able"]],
    ["?sort=name&dir=desc", ["Cara Córdoba", "Ben Brook", "Ann Able"]],
    ["?readiness=maybe&verified=perhaps&sort=nonsense", ["Ann Able", "Ben Brook", "Cara Córdoba"]],
  ])("%s", async (query, expected) => {
    expect(names((await asLead(query)).rows)).toEqual(expected);
  });

  it("summary figures follow the filter", async () => {
    expect((await asLead("?readiness=not-ready")).summary).toMatchObject({
      staff: 1,
      ready: 0,
      pendingVerification: 0,
      trainingMissing: 16,
    });
  });
});

describe("CSV export", () => {
  it("neutralises formulas, keeps Unicode names, starts with a BOM and is named with the date", async () => {
    const db = getDb();
    const pcn = await makePcn(db, { name: "Csv PCN" });
    const lead = await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null });
    await makePerson(db, { pcnId: pcn.id, name: '=HYPERLINK("http://evil.example","Click")' });
    await makePerson(db, { pcnId: pcn.id, name: "Siân Ŵyn-Ødegård 😀" });
    await makePerson(db, { pcnId: pcn.id, name: "+44 Plus, Comma" });

    const request = new Request("http://127.0.0.1/dashboard.csv?sort=name", {
      headers: { Cookie: await cookieFor(lead.id) },
    });
    const response = (await csvRoute.loader({ request, params: {}, context: {} })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="dashboard-csv-pcn-${today}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(["Name", "PCN", "Job role", "Readiness to take referrals"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      "'+44 Plus, Comma",
      '\'=HYPERLINK("http://evil.example","Click")',
      "Siân Ŵyn-Ødegård 😀",
    ]);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows[3]![1]).toBe("Csv PCN");
  });

  it("exports the rows the filters select, every page of them", async () => {
    const request = new Request("http://127.0.0.1/dashboard.csv?readiness=not-ready&page=5", {
      headers: { Cookie: await cookieFor(scenario.lead.id) },
    });
    const text = await ((await csvRoute.loader({ request, params: {}, context: {} })) as Response).text();
    const rows = readCsv(text.replace(/^\uFEFF/, ""));
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Ben Brook"]);
    expect(rows[1]![rows[0]!.indexOf("Training missing")]).toBe("16");
    expect(rows[1]![rows[0]!.indexOf("Readiness to take referrals")]).toBe("Not ready");
  });

  it("uses the same three readiness states as the page, with what awaits verification", async () => {
    const request = new Request("http://127.0.0.1/dashboard.csv?readiness=pending-verification", {
      headers: { Cookie: await cookieFor(scenario.lead.id) },
    });
    const rows = readCsv(
      (await ((await csvRoute.loader({ request, params: {}, context: {} })) as Response).text()).replace(/^\uFEFF/, ""),
    );
    const cell = (column: string) => rows[1]![rows[0]!.indexOf(column)];
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Cara Córdoba"]);
    expect(cell("Readiness to take referrals")).toBe("Ready pending verification");
    expect(cell("Awaiting verification")).toBe(
      "PCI-accredited health coaching skills programme (at least four days): in progress, not yet verified",
    );
    expect([cell("Required training verified"), cell("Required training recorded")]).toEqual(["0", "4"]);
  });
});

describe("a PCN that does not exist", () => {
  it("an admin asking the dashboard for a PCN that does not exist gets 404, not an empty page", async () => {
    const admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
    expect((await load(dashboard.loader, "/dashboard?pcn=999999", { cookie: await cookieFor(admin.id) })).status).toBe(
      404,
    );
  });
});
