/**
 * The renewal forecast (issue 14 item 5): who lapses in each of the next 12 months, per requirement, on the lead's
 * dashboard and in the compliance report, read from the rollups. The expected months are worked out here with
 * date-fns from the completion dates and the content's periods as written in the test, not by the app's rules.
 */
import type { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, subMonths } from "date-fns";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCalendarDate, parseCalendarDate, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { scopeFilter } from "~/models/dashboard.server";
import { setLocalPeriod } from "~/models/local-periods.server";
import { renewalForecast } from "~/models/renewal-forecast.server";
import { setActive } from "~/models/user.server";
import * as dashboard from "~/routes/dashboard";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { makePcn, makePerson } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

const today = todayInLondon(new Date());
const day = (d: TZDate) => formatCalendarDate(d);
const thisMonth = parseCalendarDate(`${today.slice(0, 8)}01`);
/** A date `ahead` calendar months on, on day 1 + `days` of that month (no month-end clamping). */
const expiryIn = (ahead: number, days = 0) => day(addDays(addMonths(thisMonth, ahead), days));
/** The completion date that, with a renewal period of `renewal` months, expires on expiryIn(ahead, days). */
const completedFor = (renewal: number, ahead: number, days = 0) =>
  day(subMonths(parseCalendarDate(expiryIn(ahead, days)), renewal));
const monthLabel = (ahead: number) => format(addMonths(thisMonth, ahead), "MMMM yyyy");

let lead: { id: number };
let admin: { id: number };
let pcnId: number;
let people: { ann: { id: number; name: string }; ben: { id: number; name: string }; cal: { id: number; name: string } };

beforeAll(async () => {
  const db = getDb();
  const pcn = await makePcn(db, { name: "Forecast PCN", icsName: "Forecast ICS" });
  const elsewhere = await makePcn(db, { name: "Elsewhere PCN", icsName: "Forecast ICS" });
  pcnId = pcn.id;
  lead = await makePerson(db, { pcnId, roles: ["lead"], jobRole: null });
  admin = await makePerson(db, { roles: ["admin"], jobRole: null });
  const ann = await makePerson(db, { pcnId, name: "Ann Archer" });
  const ben = await makePerson(db, { pcnId, name: "Ben Baker", jobRole: "health-and-wellbeing-coach" });
  const cal = await makePerson(db, { pcnId, name: "Cal Cooper" });
  const dee = await makePerson(db, { pcnId: elsewhere.id, name: "Dee Elsewhere" });
  people = { ann, ben, cal };
  // Fire safety renews every 24 months, information governance every 12 (content/training-requirements.json).
  await makeTraining(db, ann, "fire-safety", { completedOn: completedFor(24, 2, 3) });
  await makeTraining(db, ann, "information-governance", { completedOn: completedFor(12, 2, 20) });
  await makeTraining(db, ben, "fire-safety", { completedOn: completedFor(24, 2, 9) });
  await makeTraining(db, cal, "information-governance", { completedOn: completedFor(12, 11, 5) });
  // Outside the window: lapses on the first day after it, and already expired.
  await makeTraining(db, cal, "fire-safety", { completedOn: completedFor(24, 12) });
  await makeTraining(db, ben, "information-governance", { completedOn: completedFor(12, -1) });
  // Another PCN: in an ICS or national view, never in this PCN's.
  await makeTraining(db, dee, "fire-safety", { completedOn: completedFor(24, 2, 3) });
});

type Forecast = {
  month: string;
  label: string;
  total: number;
  requirements: { id: string; title: string; count: number; people: { name: string; expiresOn: string }[] | null }[];
}[];

const INFORMATION_GOVERNANCE = "Data security awareness (information governance) level 1";

const dashboardFor = async (userId: number, query = "") =>
  (await load(dashboard.loader, `/dashboard${query}`, { cookie: await cookieFor(userId) })).data as {
    forecast: Forecast;
  };

describe("the renewal forecast on the dashboard", () => {
  it("covers this month and the next 11, each with who lapses per requirement, soonest first", async () => {
    const { forecast } = await dashboardFor(lead.id);
    expect(forecast.map((m) => m.label)).toEqual(Array.from({ length: 12 }, (_, i) => monthLabel(i)));
    const busy = forecast.filter((m) => m.total > 0);
    expect(busy.map((m) => [m.label, m.total])).toEqual([
      [monthLabel(2), 3],
      [monthLabel(11), 1],
    ]);
    // Content order: information governance comes before fire safety in training-requirements.json.
    expect(busy[0]!.requirements.map((r) => [r.title, r.count, r.people!.map((p) => [p.name, p.expiresOn])])).toEqual([
      [INFORMATION_GOVERNANCE, 1, [["Ann Archer", expiryIn(2, 20)]]],
      [
        "Fire safety level 1",
        2,
        [
          ["Ann Archer", expiryIn(2, 3)],
          ["Ben Baker", expiryIn(2, 9)],
        ],
      ],
    ]);
    expect(busy[1]!.requirements.map((r) => [r.id, r.count, r.people!.map((p) => p.name)])).toEqual([
      ["information-governance", 1, ["Cal Cooper"]],
    ]);
  });

  it("follows the dashboard's filters", async () => {
    const { forecast } = await dashboardFor(lead.id, "?jobRole=health-and-wellbeing-coach");
    expect(forecast.filter((m) => m.total > 0).map((m) => [m.label, m.total])).toEqual([[monthLabel(2), 1]]);
  });

  it("counts without names for an ICS or every PCN, and names people once a PCN is chosen", async () => {
    const ics = await dashboardFor(admin.id, `?ics=${encodeURIComponent("Forecast ICS")}`);
    const lapsing = ics.forecast.find((m) => m.label === monthLabel(2))!;
    expect(lapsing.requirements.map((r) => [r.id, r.count, r.people])).toEqual([
      ["information-governance", 1, null],
      ["fire-safety", 3, null],
    ]);
    const chosen = await dashboardFor(admin.id, `?pcn=${pcnId}`);
    expect(chosen.forecast.find((m) => m.label === monthLabel(2))!.requirements[1]!.people!.length).toBe(2);
  });

  it("every PCN counts what the ICS views count, read without the standings, and leaves leavers out", async () => {
    const db = getDb();
    // Everyone here is in the one ICS; a leaver's lapsing training counts nowhere.
    const leaver = await makePerson(db, { pcnId, name: "Lee Leaver" });
    await makeTraining(db, leaver, "fire-safety", { completedOn: completedFor(24, 2, 4) });
    await setActive(db, leaver.id, false, { id: admin.id });
    const all = await dashboardFor(admin.id);
    const ics = await dashboardFor(admin.id, `?ics=${encodeURIComponent("Forecast ICS")}`);
    expect(all.forecast).toEqual(ics.forecast);
    expect(all.forecast.find((m) => m.label === monthLabel(2))!.total).toBe(4);
  });

  it("moves with a local renewal period", async () => {
    // Information governance every 6 months in this PCN: Cal's completion (a month ago) now lapses in 5 months.
    await setLocalPeriod(
      getDb(),
      pcnId,
      { requirementId: "information-governance", renewalMonths: 6, reason: "Local audit finding" },
      { id: lead.id },
    );
    const { forecast } = await dashboardFor(lead.id);
    const cal = forecast.flatMap((m) =>
      m.requirements.flatMap((r) => (r.people ?? []).filter((p) => p.name === people.cal.name).map(() => m.label)),
    );
    expect(cal).toEqual([monthLabel(5)]);
    // Ann's (completed about 10 months ago) lapsed under the local period, so she no longer appears for it.
    expect(
      forecast.flatMap((m) => m.requirements.filter((r) => r.id === "information-governance").map((r) => r.count)),
    ).toEqual([1]);
    // The ICS's and the nation's stored days moved with it: the same counts as worked out from the ICS's staff.
    const counted = await renewalForecast(getDb(), scopeFilter({ kind: "ics", icsName: "Forecast ICS" }), today, {
      withNames: false,
    });
    expect((await dashboardFor(admin.id, `?ics=${encodeURIComponent("Forecast ICS")}`)).forecast).toEqual(counted);
    expect((await dashboardFor(admin.id)).forecast).toEqual(counted);
  });
});

describe("the renewal forecast in the compliance report", () => {
  it("gives the same months, counts and people as the dashboard", async () => {
    const { forecast } = await dashboardFor(lead.id);
    const report = await gatherComplianceReport(getDb(), pcnId);
    expect(report!.forecast).toEqual(
      forecast.map((m) => ({
        label: m.label,
        total: m.total,
        requirements: m.requirements.map((r) => ({
          title: r.title,
          count: r.count,
          people: r.people!.map((p) => ({ name: p.name, expiresOn: p.expiresOn })),
        })),
      })),
    );
    const national = await gatherComplianceReport(getDb(), null);
    const named = national!.forecast.flatMap((m) => m.requirements.filter((r) => r.people !== null));
    expect(named).toEqual([]);
    expect(national!.forecast.find((m) => m.label === monthLabel(2))!.total).toBe(3);
  });
});
