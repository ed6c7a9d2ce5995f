/**
 * The dashboard read from the rollups at the administrator's scopes: every PCN, one integrated care system (ICS)
 * and one PCN, with the right rows and totals; and the CSV export streamed a batch at a time with the page's rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import * as csvRoute from "~/routes/dashboard[.csv]";
import * as dashboard from "~/routes/dashboard";
import { dashboardCsvStream } from "~/services/dashboard-csv.server";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { completeAll, makeCpd, makeTraining } from "../../scripts/lib/factories/compliance";
import { readCsv } from "../support/csv";
import { cookieFor, load } from "./harness";

let admin: string;
let lead: string;
const names: Record<string, string[]> = {};
const pcnIds: Record<string, number> = {};

beforeAll(async () => {
  const db = getDb();
  const layout = [
    ["North One PCN", "North ICS", ["Nadia North", "Noel North"]],
    ["North Two PCN", "North ICS", ["Nina North"]],
    ["South PCN", "South ICS", ["Sam South", "Sara South"]],
  ] as const;
  for (const [pcnName, icsName, people] of layout) {
    const pcn = await makePcn(db, { name: pcnName, icsName });
    pcnIds[pcnName] = pcn.id;
    names[pcnName] = [...people];
    const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null, password: null });
    for (const [i, name] of people.entries()) {
      const person = await makePerson(db, { pcnId: pcn.id, name, password: null });
      await makeArrangement(db, person, supervisor.id);
      await makeCpd(db, person, { activityDate: todayInLondon(new Date()), hours: 1.25 });
      // The first person in each PCN has done the three courses needed before referrals, one verified.
      if (i === 0) {
        await completeAll(db, person, ["pcsp-e-learning", "shared-decision-making-e-learning"], "2026-01-10");
        await makeTraining(db, person, "pci-care-coordinator-training", {
          completedOn: "2026-01-10",
          verifiedBy: supervisor.id,
        });
      }
    }
  }
  // A PCN in no ICS (and with no staff, so the figures above stay the three PCNs').
  pcnIds["Island PCN"] = (await makePcn(db, { name: "Island PCN", icsName: null })).id;
  admin = await cookieFor((await makePerson(db, { roles: ["admin"], jobRole: null })).id);
  lead = await cookieFor((await makePerson(db, { pcnId: pcnIds["South PCN"], roles: ["lead"], jobRole: null })).id);
  // Some thirty changes through the models, each refreshing the rollups: over 10 s on a busy machine's PostgreSQL.
}, 120_000);

const view = async (query: string, cookie = admin) =>
  (await load(dashboard.loader, `/dashboard${query}`, { cookie })).data;
const rowNames = (data: { rows: { name: string }[] }) => data.rows.map((r) => r.name);

describe("scopes", () => {
  it("every PCN for an administrator, with ICS and PCN choices", async () => {
    const data = await view("");
    expect(data.scope.pcnName).toBe("All PCNs");
    expect(rowNames(data)).toEqual(
      [...names["North One PCN"]!, ...names["North Two PCN"]!, ...names["South PCN"]!].sort(),
    );
    expect(data.scope.icsOptions).toEqual([
      { value: "North ICS", label: "North ICS" },
      { value: "South ICS", label: "South ICS" },
    ]);
    expect(data.summary).toMatchObject({ staff: 5, ready: 3, cpdHours: 6.25 });
  });

  it("one ICS: the staff of its PCNs, and totals that add up to its PCNs'", async () => {
    const ics = await view("?ics=North+ICS");
    expect(ics.scope.pcnName).toBe("North ICS");
    expect(ics.scope.icsName).toBe("North ICS");
    expect(rowNames(ics)).toEqual(["Nadia North", "Nina North", "Noel North"]);
    const one = await view(`?pcn=${pcnIds["North One PCN"]}`);
    const two = await view(`?pcn=${pcnIds["North Two PCN"]}`);
    for (const [key, value] of Object.entries(ics.summary)) {
      expect(value, key).toBeCloseTo(Number(one.summary[key]) + Number(two.summary[key]));
    }
    expect(ics.summary).toMatchObject({ staff: 3, ready: 2, pendingVerification: 0, cpdHours: 3.75 });
    const pci = (data: typeof ics) =>
      data.compliance.find((c: { id: string }) => c.id === "pci-care-coordinator-training").counts;
    expect(pci(ics)).toEqual({ valid: 2, "expiring-soon": 0, "in-progress": 0, expired: 0, missing: 1 });
  });

  it("filters within an ICS count only the rows they keep", async () => {
    const data = await view("?ics=North+ICS&readiness=not-ready");
    expect(rowNames(data)).toEqual(["Noel North"]);
    expect(data.total).toBe(1);
    expect(data.summary).toMatchObject({ staff: 1, ready: 0, cpdHours: 1.25 });
  });

  it("a page past the last, like any page number that makes no sense, shows page 1 and the whole scope's figures", async () => {
    const first = await view("?ics=North+ICS");
    for (const page of ["2", "999", "0", "x"]) {
      const data = await view(`?ics=North+ICS&page=${page}`);
      expect(data.page, page).toBe(1);
      expect(rowNames(data), page).toEqual(rowNames(first));
      expect(data.summary).toEqual(first.summary);
    }
  });

  it("an ICS that does not exist is ignored, like any unknown filter value", async () => {
    expect((await view("?ics=Nowhere+ICS")).scope.pcnName).toBe("All PCNs");
  });

  it("a lead keeps to their own PCN whatever ICS the URL asks for, and is offered no choice", async () => {
    const data = await view("?ics=North+ICS", lead);
    expect(rowNames(data)).toEqual(["Sam South", "Sara South"]);
    expect(data.scope.icsOptions).toBeNull();
  });

  it("an ICS that a new PCN brings can be chosen at once, without a restart", async () => {
    expect((await view("?ics=West+ICS")).scope.pcnName).toBe("All PCNs");
    await makePcn(getDb(), { name: "West PCN", icsName: "West ICS" });
    const data = await view("?ics=West+ICS");
    expect(data.scope).toMatchObject({ pcnName: "West ICS", icsName: "West ICS" });
    expect(data.scope.pcnOptions).toEqual([{ value: expect.any(String), label: "West PCN" }]);
    expect(rowNames(data)).toEqual([]);
  });
});

describe("choosing a PCN: its ICS first, then the PCN", () => {
  const choices = (data: { scope: { pcnOptions: { label: string }[] | null } }) =>
    data.scope.pcnOptions?.map((o) => o.label);

  it("offers the chosen ICS's PCNs only, and with no ICS chosen only the PCNs in none, never every PCN", async () => {
    const all = await view("");
    expect(all.scope.icsName).toBeNull();
    expect(choices(all)).toEqual(["Island PCN"]);
    expect(choices(await view("?ics=North+ICS"))).toEqual(["North One PCN", "North Two PCN"]);
    expect(choices(await view("?ics=South+ICS"))).toEqual(["South PCN"]);
  });

  it("a PCN chosen, or bookmarked without its ICS, shows that PCN with its ICS chosen and its PCNs offered", async () => {
    const id = pcnIds["North Two PCN"]!;
    for (const query of [`?pcn=${id}`, `?ics=North+ICS&pcn=${id}`]) {
      const data = await view(query);
      expect(data.scope, query).toMatchObject({ pcnId: id, pcnName: "North Two PCN", icsName: "North ICS" });
      expect(choices(data), query).toEqual(["North One PCN", "North Two PCN"]);
      expect(rowNames(data), query).toEqual(["Nina North"]);
    }
    const island = await view(`?ics=&pcn=${pcnIds["Island PCN"]}`);
    expect(island.scope).toMatchObject({ pcnId: pcnIds["Island PCN"], pcnName: "Island PCN", icsName: null });
    expect(island.total).toBe(0);
  });

  it("another ICS, or every ICS, chosen after a PCN lets go of the PCN", async () => {
    const id = pcnIds["North Two PCN"]!;
    const south = await view(`?ics=South+ICS&pcn=${id}`);
    expect(south.scope).toMatchObject({ pcnId: null, pcnName: "South ICS", icsName: "South ICS" });
    expect(rowNames(south)).toEqual(["Sam South", "Sara South"]);
    const every = await view(`?ics=&pcn=${id}`);
    expect(every.scope).toMatchObject({ pcnId: null, pcnName: "All PCNs", icsName: null });
    expect(every.total).toBe(5);
    // An ICS that does not exist is no choice at all, so the PCN stays.
    expect((await view(`?ics=Nowhere+ICS&pcn=${id}`)).scope).toMatchObject({ pcnId: id, icsName: "North ICS" });
  });

  it("a lead is offered no PCN to choose, whatever the URL asks", async () => {
    const data = await view(`?ics=North+ICS&pcn=${pcnIds["North Two PCN"]}`, lead);
    expect(data.scope).toMatchObject({ pcnId: pcnIds["South PCN"], pcnOptions: null, icsName: null });
    expect(rowNames(data)).toEqual(["Sam South", "Sara South"]);
  });
});

describe("CSV export, streamed", () => {
  const readAll = async (stream: ReadableStream<Uint8Array>) => {
    const chunks: Uint8Array[] = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    return { chunks, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.concat(chunks)) };
  };

  it("arrives a batch at a time and holds the page's rows in the page's order", async () => {
    const query = "?ics=North+ICS&sort=cpd&dir=desc";
    const page = await view(query);
    const request = new Request(`http://127.0.0.1/dashboard.csv${query}`, { headers: { Cookie: admin } });
    const response = (await csvRoute.loader({ request, params: {}, context: {} })) as Response;
    const whole = await readAll(response.body!);
    const rows = readCsv(whole.text.slice(1));
    expect(rows.slice(1).map((r) => r[0])).toEqual(rowNames(page));
    expect(rows.slice(1).map((r) => r[1])).toEqual(page.rows.map((r: { pcnName: string }) => r.pcnName));

    // One row per batch: the header, then three pieces, and together the same file as the route's.
    const streamed = await readAll(
      await dashboardCsvStream(
        getDb(),
        { kind: "ics", icsName: "North ICS" },
        page.query,
        todayInLondon(new Date()),
        page.year,
        1,
      ),
    );
    expect(streamed.chunks.length).toBe(4);
    expect(streamed.text).toBe(whole.text);
  });
});
