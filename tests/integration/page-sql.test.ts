/**
 * The light pages' SQL, made cheaper at national size (issue 12), answers as before: the evidence list's total is
 * counted one way unfiltered and another way filtered, and both equal the rows its pages list; the audit trail's
 * first page does not ask whether anything is newer than the newest entry; the audit page counts its people before
 * listing them, and reads each kind of record an entry is about once, for its name and whose it is; a lead's
 * dashboard names their PCN without looking it up again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { listAudit, writeAudit } from "~/models/audit.server";
import { listEvidence, type EvidenceFilter, type EvidenceView } from "~/models/evidence.server";
import { countPeopleToChoose, peopleToChoose, setActive } from "~/models/user.server";
import * as audit from "~/routes/audit";
import * as dashboard from "~/routes/dashboard";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { cookieFor, load } from "./harness";
import { watchStatements } from "./statements-sent";

const statements = watchStatements();
const sent = () => statements.sent();

type Person = Awaited<ReturnType<typeof makePerson>>;
let pcn: Awaited<ReturnType<typeof makePcn>>;
let owner: Person;
let lead: Person;

beforeAll(async () => {
  const db = getDb();
  pcn = await makePcn(db, { name: "Riverside PCN" });
  const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"] });
  owner = await makePerson(db, { pcnId: pcn.id, name: "Ola Owner" });
  lead = await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null, name: "Lena Lead" });
  await makeArrangement(db, owner, supervisor.id);
  const outcomes = ["draft", "submitted", "returned", "accepted"] as const;
  // Several items on one day, so the order rests on the id too.
  for (let i = 0; i < 26; i++)
    await makeEvidence(
      db,
      owner,
      {
        title: i % 3 ? `Home visit ${i}` : `Clinic ${i}`,
        activityDate: `2026-0${1 + (i % 4)}-1${i % 3}`,
        type: i % 2 ? "reflective-account" : "case-study",
        competencyIds: i % 2 ? ["pc-1"] : ["pc-1", "pc-2"],
      },
      { outcome: outcomes[i % 4], reviewerId: supervisor.id },
    );
}, 120_000);

describe("the evidence list's total", () => {
  const filters: Omit<EvidenceFilter, "page" | "pageSize">[] = [
    {},
    { competencyId: "pc-2" },
    { status: "accepted" },
    { type: "case-study" },
    { from: "2026-02-01", to: "2026-03-31" },
    { search: "clinic" },
    { competencyId: "pc-1", search: "home" },
  ];

  it.each<EvidenceView>(["owner", "shared"])(
    "is, for the %s's view unfiltered and under each filter, how many rows its pages list, in one order",
    async (view) => {
      for (const filter of filters) {
        const whole = await listEvidence(getDb(), owner.id, { ...filter, page: 1, pageSize: 1000 }, view);
        const pages = [];
        for (let page = 1; page <= 4; page++) {
          const listed = await listEvidence(getDb(), owner.id, { ...filter, page, pageSize: 5 }, view);
          expect(listed.total).toBe(whole.total);
          pages.push(...listed.items);
        }
        expect(whole.total).toBe(whole.items.length);
        expect(pages.map((i) => i.id)).toEqual(whole.items.slice(0, 20).map((i) => i.id));
        expect(new Set(whole.items.map((i) => i.id)).size).toBe(whole.items.length);
      }
      const all = await listEvidence(getDb(), owner.id, { page: 1, pageSize: 1000 }, view);
      // The owner sees all 26; others only the 19 ever submitted.
      expect(all.total).toBe(view === "owner" ? 26 : 19);
      expect(all.items.map((i) => [i.activityDate, i.id])).toEqual(
        [...all.items.map((i) => [i.activityDate, i.id] as const)].sort((a, b) =>
          a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1,
        ),
      );
    },
  );
});

describe("the audit trail's first page", () => {
  it("says nothing is newer without asking, and the page after it does ask", async () => {
    for (let i = 0; i < 4; i++)
      await writeAudit(getDb(), {
        actorId: lead.id,
        pcnId: pcn.id,
        entity: "pcn",
        entityId: pcn.id,
        action: "update",
        after: { name: `Riverside ${i}` },
      });
    const filter = { pcnId: pcn.id, entity: "pcn" } as const;
    statements.clear();
    const first = await listAudit(getDb(), filter, { size: 2 });
    expect(sent()).toHaveLength(1);
    expect(first).toMatchObject({ hasNewer: false, hasOlder: true });
    const last = first.rows.at(-1)!;
    const second = await listAudit(getDb(), filter, { size: 2, from: { key: last, direction: "older" } });
    expect(second).toMatchObject({ hasNewer: true });
  });
});

describe("the audit page's people to choose from", () => {
  it("are counted as many as the list would hold, up to the number asked for", async () => {
    const scopes = [{ kind: "all" }, { kind: "one", pcnId: pcn.id }, { kind: "none" }] as const;
    // A leaver is still listed, so counted.
    await setActive(getDb(), owner.id, false, { id: lead.id });
    try {
      for (const scope of scopes) {
        const listed = await peopleToChoose(getDb(), scope, 1000);
        expect(await countPeopleToChoose(getDb(), scope, 1000)).toBe(listed.length);
        expect(await countPeopleToChoose(getDb(), scope, 2)).toBe(Math.min(2, listed.length));
      }
      expect(await countPeopleToChoose(getDb(), { kind: "one", pcnId: pcn.id }, 1000)).toBe(3);
    } finally {
      await setActive(getDb(), owner.id, true, { id: lead.id });
    }
  });
});

describe("a lead's dashboard", () => {
  it("names their PCN from their own record, without reading the PCN again", async () => {
    const cookie = await cookieFor(lead.id);
    await load(dashboard.loader, "/dashboard", { cookie });
    statements.clear();
    const page = await load(dashboard.loader, "/dashboard", { cookie });
    expect(page.status).toBe(200);
    expect(page.data.scope).toMatchObject({ pcnId: pcn.id, pcnName: "Riverside PCN", icsName: null });
    expect(sent().filter((text) => /^select .* from "pcns" where "id" = /.test(text))).toEqual([]);
  });
});

describe("the audit page's entries", () => {
  it("name whose record each is, reading each kind of record once", async () => {
    const cookie = await cookieFor(lead.id);
    statements.clear();
    const page = await load(audit.loader, "/audit?entity=evidence", { cookie });
    expect(page.status).toBe(200);
    const sentences: string[] = page.data.entries.map((e: { sentence: string }) => e.sentence);
    // The supervisor's reviews of the owner's evidence name the owner as whose evidence it is.
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.filter((s) => s.includes("Ola Owner")).length).toBeGreaterThan(0);
    expect(sent().filter((text) => /from "evidence_items"/.test(text))).toHaveLength(1);
  });
});
