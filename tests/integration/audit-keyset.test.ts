/**
 * The audit trail pages by keyset (newest first by time, then id). Checked against a plain reading of the whole
 * table: every entry a filter allows comes exactly once, in order, across all its pages, even while entries are
 * written between one page and the next; links that name no entry are refused with a 400, never a 500.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fillAuditPeople } from "../../db/audit-subjects";
import type { AuditEntity } from "~/domain/vocabulary";
import { getDb } from "~/lib/db.server";
import {
  AUDIT_COUNT_CAP,
  countAudit,
  listAudit,
  writeAudit,
  type AuditFilter,
  type AuditKey,
  type AuditPageRequest,
} from "~/models/audit.server";
import * as audit from "~/routes/audit";
import { makePcn, makePerson } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

// Few distinct moments, so many entries share one and their order rests on the id; and ids out of time order.
const MOMENTS = [
  "2026-01-10T08:00:00.000Z",
  "2026-02-03T10:15:00.000Z",
  "2026-02-03T23:59:59.999Z",
  "2026-03-20T00:00:00.000Z",
];
const ENTITIES = ["user", "competency", "pcn"] as const;
type Entity = (typeof ENTITIES)[number];

interface Row {
  id: number;
  at: string;
  actor_id: number | null;
  pcn_id: number | null;
  entity: AuditEntity;
  entity_id: string;
}

/** Whose record an entry is about, for the kinds of entry this file writes: the oracle the pages are checked against. */
function subjectOf(row: Row, checklistOwners: Map<string, number>): number | null {
  if (row.entity === "user") return Number(row.entity_id);
  // Each person the test makes gets an induction checklist, made in the same step.
  if (row.entity === "induction") return checklistOwners.get(row.entity_id) ?? null;
  if (row.entity === "competency") return Number(row.entity_id.split(":")[0]);
  if (row.entity === "pcn") return null;
  throw new Error(`this test writes no ${row.entity} entries`);
}

/** Every entry the filter allows, newest first, read plainly from the whole table. */
async function expected(filter: AuditFilter): Promise<number[]> {
  const rows = (await getDb()
    .selectFrom("audit_log")
    .select(["id", "at", "actor_id", "pcn_id", "entity", "entity_id"])
    .execute()) as Row[];
  const checklists = await getDb().selectFrom("induction_checklists").select(["id", "person_id"]).execute();
  const checklistOwners = new Map(checklists.map((c) => [String(c.id), c.person_id]));
  return rows
    .filter(
      (r) =>
        (filter.pcnId === undefined || r.pcn_id === filter.pcnId) &&
        (!filter.entity || r.entity === filter.entity) &&
        (filter.personId === undefined ||
          r.actor_id === filter.personId ||
          subjectOf(r, checklistOwners) === filter.personId) &&
        (!filter.from || r.at >= filter.from) &&
        (!filter.to || r.at < `${filter.to}T99`),
    )
    .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
    .map((r) => r.id);
}

interface Entry {
  entity: Entity;
  actor: number | null;
  subject: number;
}

/** An entry by who is involved: indexes into a run's three people (made once the run starts). */
const entryArb = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  actor: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  subject: fc.integer({ min: 0, max: 2 }),
});
const entryFor = (e: { entity: Entity; actor: number | null; subject: number }, people: number[]): Entry => ({
  entity: e.entity,
  actor: e.actor === null ? null : people[e.actor]!,
  subject: people[e.subject]!,
});

const entityIdOf = (e: Entry, pcnId: number) =>
  e.entity === "user" ? String(e.subject) : e.entity === "competency" ? `${e.subject}:com-1` : String(pcnId);

/** Entries at chosen moments, written as a bulk load would, then indexed as the migration does. */
async function insertAt(pcnId: number, entries: (Entry & { at: string })[]) {
  const last = await getDb()
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirstOrThrow();
  for (const e of entries)
    await getDb()
      .insertInto("audit_log")
      .values({
        at: e.at,
        actor_id: e.actor,
        pcn_id: pcnId,
        entity: e.entity,
        entity_id: entityIdOf(e, pcnId),
        action: "update",
      })
      .execute();
  await fillAuditPeople(getDb(), Number(last.id ?? 0));
}

/** Entries written now, as the app writes them: newer than everything above. */
async function writeNow(pcnId: number, entries: Entry[]) {
  for (const e of entries) {
    const common = { actorId: e.actor, pcnId, entityId: entityIdOf(e, pcnId) };
    if (e.entity === "user") await writeAudit(getDb(), { ...common, entity: "user", action: "update" });
    else if (e.entity === "competency")
      await writeAudit(getDb(), { ...common, entity: "competency", action: "sign-off" });
    else await writeAudit(getDb(), { ...common, entity: "pcn", action: "update" });
  }
}

/** Reads every page in one direction, calling `between` before each next page; the ids in the order shown. */
async function walk(
  filter: AuditFilter,
  size: number,
  direction: "older" | "newer",
  start: AuditKey | undefined,
  between: () => Promise<void> = async () => {},
) {
  const seen: number[] = [];
  let from: AuditPageRequest["from"] = start ? { key: start, direction } : undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await listAudit(getDb(), filter, { from, size });
    expect(page.rows.length).toBeLessThanOrEqual(size);
    // Pages always read newest first, whichever way they were reached.
    const ids = page.rows.map((r) => r.id);
    seen.push(...(direction === "older" ? ids : [...ids].reverse()));
    const more = direction === "older" ? page.hasOlder : page.hasNewer;
    if (!more) return seen;
    const edge = direction === "older" ? page.rows.at(-1)! : page.rows[0]!;
    from = { key: { at: edge.at, id: edge.id }, direction };
    await between();
  }
  throw new Error("paging never ended");
}

const filterArb = fc.record({
  entity: fc.option(fc.constantFrom(...ENTITIES), { nil: undefined }),
  person: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  from: fc.constantFrom(undefined, "2026-01-10", "2026-02-03"),
  to: fc.constantFrom(undefined, "2026-02-03", "2026-03-20"),
});

let admin: Awaited<ReturnType<typeof makePerson>>;
beforeAll(async () => {
  admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null, password: null });
});

async function team() {
  const pcn = await makePcn(getDb());
  const people: number[] = [];
  for (let i = 0; i < 3; i += 1)
    people.push((await makePerson(getDb(), { pcnId: pcn.id, roles: ["coordinator"], password: null })).id);
  return { pcnId: pcn.id, people };
}

describe("keyset pages of the audit trail", () => {
  it("are right for every combination of filters the page offers, for an administrator and for a lead", async () => {
    const { pcnId, people } = await team();
    const entries = Array.from({ length: 40 }, (_, i) => ({
      entity: ENTITIES[i % ENTITIES.length]!,
      actor: i % 4 === 3 ? null : people[i % 3]!,
      subject: people[(i * 7) % 3]!,
      at: MOMENTS[(i * 5) % MOMENTS.length]!,
    }));
    await insertAt(pcnId, entries);
    for (const scope of [undefined, pcnId])
      for (const entity of [undefined, ...ENTITIES])
        for (const personId of [undefined, people[0]!])
          for (const [from, to] of [
            [undefined, undefined],
            ["2026-02-03", undefined],
            [undefined, "2026-02-03"],
            ["2026-02-03", "2026-03-20"],
          ]) {
            const filter = { pcnId: scope, entity, personId, from, to };
            const want = await expected(filter);
            expect(await walk(filter, 4, "older", undefined), JSON.stringify(filter)).toEqual(want);
            expect(await countAudit(getDb(), filter)).toEqual({ count: want.length, capped: false });
          }
  });

  it("give every entry a filter allows exactly once, in order, while entries are written between pages", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(entryArb, fc.constantFrom(...MOMENTS)), { maxLength: 30 }),
        // What is written before each next page: a few entries at a time.
        fc.array(fc.array(entryArb, { maxLength: 2 }), { maxLength: 12 }),
        filterArb,
        async (size, seeded, laterBatches, filterPicked) => {
          const { pcnId, people } = await team();
          await insertAt(
            pcnId,
            seeded.map(([e, at]) => ({ ...entryFor(e, people), at })),
          );
          const { person, ...rest } = filterPicked;
          const filter: AuditFilter = { ...rest, pcnId, personId: person === undefined ? undefined : people[person] };
          const batches = laterBatches.map((batch) => batch.map((e) => entryFor(e, people)));
          const writeBetweenPages = async () => writeNow(pcnId, batches.shift() ?? []);

          const before = await expected(filter);
          const older = await walk(filter, size, "older", undefined, writeBetweenPages);
          // Entries written meanwhile are newer than every page already read, so the walk shows the trail as it was.
          expect(older).toEqual(before);

          const oldest = older.at(-1);
          if (oldest === undefined) return;
          const key = await getDb()
            .selectFrom("audit_log")
            .select(["at", "id"])
            .where("id", "=", oldest)
            .executeTakeFirstOrThrow();
          const newer = await walk(filter, size, "newer", key, writeBetweenPages);
          // Back up from the oldest entry: every newer one, including those written on the way, once each.
          expect([...newer.reverse(), oldest]).toEqual(await expected(filter));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("the audit page", () => {
  it("links to older and newer entries by the entry at each edge", async () => {
    const { pcnId } = await team();
    await writeNow(
      pcnId,
      Array.from({ length: 60 }, () => ({ entity: "pcn" as const, actor: admin.id, subject: admin.id })),
    );
    const cookie = await cookieFor(admin.id);
    const first = await load(audit.loader, "/audit?entity=pcn", { cookie });
    expect(first.status).toBe(200);
    expect(first.data.entries).toHaveLength(50);
    expect(first.data.newerThan).toBeNull();
    expect(first.data.olderThan).toBe(first.data.entries.at(-1).id);

    const second = await load(audit.loader, `/audit?entity=pcn&older=${first.data.olderThan}`, { cookie });
    expect(second.data.entries.length).toBeGreaterThan(0);
    expect(second.data.entries[0].id).toBeLessThan(first.data.olderThan);
    expect(second.data.newerThan).toBe(second.data.entries[0].id);

    const back = await load(audit.loader, `/audit?entity=pcn&newer=${second.data.newerThan}`, { cookie });
    expect(back.data.entries.map((e: { id: number }) => e.id)).toEqual(
      first.data.entries.map((e: { id: number }) => e.id),
    );
    expect(back.data.newerThan).toBeNull();
  });

  it.each([
    ["older=abc"],
    ["older=0"],
    ["newer=-4"],
    ["older=1.5"],
    ["older=999999999"],
    ["older=1&newer=2"],
    [`older=${"9".repeat(40)}`],
  ])("refuses a link that names no entry (%s) with a 400 and a clear message", async (query) => {
    const outcome = await load(audit.loader, `/audit?${query}`, { cookie: await cookieFor(admin.id) });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ form: "This link to a page of the audit trail is not valid" });
    expect(outcome.data.entries).toEqual([]);
    expect(outcome.data.startOver).toBe(true);
  });

  it(`counts no further than ${AUDIT_COUNT_CAP.toLocaleString("en-GB")}, and says "more than"`, async () => {
    const pcn = await makePcn(getDb());
    const rows = Array.from({ length: AUDIT_COUNT_CAP + 1 }, () => ({
      at: MOMENTS[0]!,
      actor_id: null,
      pcn_id: pcn.id,
      entity: "pcn" as const,
      entity_id: String(pcn.id),
      action: "update" as const,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await getDb()
        .insertInto("audit_log")
        .values(rows.slice(i, i + 500))
        .execute();
    expect(await countAudit(getDb(), { pcnId: pcn.id })).toEqual({ count: AUDIT_COUNT_CAP, capped: true });
    expect(await countAudit(getDb(), { pcnId: pcn.id, from: "2026-02-01", to: "2026-02-28" })).toEqual({
      count: 0,
      capped: false,
    });
  });
});
