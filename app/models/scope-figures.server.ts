/**
 * The figures of the whole deployment and of each integrated care system (ICS), stored beside each PCN's
 * (`pcn_standings`) so that the admin dashboard reads one row rather than adding up 1,250 PCNs per request. When
 * some PCNs' figures change, their old figures are taken out of the totals they count in and the new ones put in,
 * in the same transaction; a rebuild adds every PCN up again.
 */
import { lockUntilCommit } from "../../db/dialect";
import { addFigures, emptyFigures, mergeFigures, type Figures } from "~/domain/figures";
import type { Executor } from "./audit.server";

/**
 * Every change to the rollups reads stored figures and writes them back changed (a person's standing, their PCN's
 * figures, the ICS and national totals, the expiry counts), and every change counts in the national total, so the
 * transactions that make them take this one lock first and make them in turn (ADR 0013). On PostgreSQL two at once
 * otherwise both inserted the same key (a failed save) or the later overwrote the earlier's total.
 */
export function lockRollups(trx: Executor): Promise<void> {
  return lockUntilCommit(trx, "rollups");
}

/** Whose totals: every PCN (and staff in none), or the PCNs of one ICS. */
export type TotalScope = { kind: "all" } | { kind: "ics"; icsName: string };

/** A scope's key in scope_standings and scope_expiries. */
export const scopeKey = (scope: TotalScope) => (scope.kind === "all" ? "all" : `ics:${scope.icsName}`);

/** A PCN's figures before and after a change (null: it had, or has, no staff). Key 0 is staff in no PCN. */
export interface PcnChange {
  pcnKey: number;
  before: Figures | null;
  after: Figures | null;
}

async function icsOfPcns(db: Executor, pcnKeys: readonly number[]): Promise<Map<number, string>> {
  const ids = pcnKeys.filter((k) => k !== 0);
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("pcns")
    .select(["id", "ics_name"])
    .where("id", "in", ids)
    .where("ics_name", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.ics_name!]));
}

async function replaceTotals(db: Executor, totals: Map<string, Figures>): Promise<void> {
  if (!totals.size) return;
  await db
    .deleteFrom("scope_standings")
    .where("scope", "in", [...totals.keys()])
    .execute();
  const rows = [...totals]
    .filter(([, f]) => f.staff > 0)
    .map(([scope, f]) => ({ scope, figures_json: JSON.stringify(f) }));
  if (rows.length) await db.insertInto("scope_standings").values(rows).execute();
}

/** Takes each changed PCN's old figures out of the totals it counts in, and puts its new ones in. */
export async function applyPcnChanges(db: Executor, changes: readonly PcnChange[]): Promise<void> {
  const moved = changes.filter((c) => c.before || c.after);
  if (!moved.length) return;
  const ics = await icsOfPcns(
    db,
    moved.map((c) => c.pcnKey),
  );
  const scopesOf = (c: PcnChange) => ["all", ...(ics.has(c.pcnKey) ? [`ics:${ics.get(c.pcnKey)}`] : [])];
  const keys = [...new Set(moved.flatMap(scopesOf))];
  const stored = await db.selectFrom("scope_standings").selectAll().where("scope", "in", keys).execute();
  const totals = new Map(keys.map((k) => [k, emptyFigures()]));
  for (const row of stored) totals.set(row.scope, JSON.parse(row.figures_json) as Figures);
  for (const change of moved) {
    for (const key of scopesOf(change)) {
      if (change.before) addFigures(totals.get(key)!, change.before, -1);
      if (change.after) addFigures(totals.get(key)!, change.after);
    }
  }
  await replaceTotals(db, totals);
}

/**
 * Adds these scopes up again from their PCNs' stored figures, and counts their expiries again (every scope when
 * none are named): for a rebuild, and when a PCN moves from one ICS to another.
 */
export async function rebuildTotals(db: Executor, icsNames?: readonly string[]): Promise<void> {
  if (icsNames?.length === 0) return;
  await lockRollups(db);
  let pcns = db
    .selectFrom("pcn_standings")
    .leftJoin("pcns", "pcns.id", "pcn_standings.pcn_key")
    .select(["pcns.ics_name", "pcn_standings.figures_json"]);
  if (icsNames) pcns = pcns.where("pcns.ics_name", "in", [...icsNames]);
  // A named ICS none of whose PCNs has staff any more still gets its (empty) totals replaced.
  const byScope = new Map<string, Figures>(icsNames?.map((name) => [`ics:${name}`, emptyFigures()]) ?? []);
  const addTo = (key: string, figures: Figures) => {
    const total = byScope.get(key);
    if (total) addFigures(total, figures);
    else byScope.set(key, mergeFigures([figures]));
  };
  for (const row of await pcns.execute()) {
    const figures = JSON.parse(row.figures_json) as Figures;
    if (!icsNames) addTo("all", figures);
    if (row.ics_name !== null) addTo(`ics:${row.ics_name}`, figures);
  }
  if (!icsNames) await db.deleteFrom("scope_standings").execute();
  await replaceTotals(db, byScope);
  await rebuildExpiries(db, icsNames);
}

/** The stored totals of a scope: no row means nobody is counted in it. */
export async function totalsOf(db: Executor, scope: TotalScope): Promise<Figures> {
  const row = await db
    .selectFrom("scope_standings")
    .select("figures_json")
    .where("scope", "=", scopeKey(scope))
    .executeTakeFirst();
  return row ? (JSON.parse(row.figures_json) as Figures) : emptyFigures();
}

// ---- The forecast's expiry counts (scope_expiries) ----

/** One required training's expiry, with the ICS of its person's PCN (null: none). */
export interface ExpiryFact {
  icsName: string | null;
  expiresOn: string;
  requirementId: string;
}

type ExpiryCount = { scope: string; expires_on: string; requirement_id: string; people: number };

/** Adds `people` for each fact to the count of each scope it counts in: the nation's and its ICS's (or just `only`). */
function addUp(counts: Map<string, ExpiryCount>, facts: readonly (ExpiryFact & { people: number })[], only?: "ics") {
  for (const fact of facts) {
    const scopes = [...(only ? [] : ["all"]), ...(fact.icsName === null ? [] : [`ics:${fact.icsName}`])];
    for (const scope of scopes) {
      const key = JSON.stringify([scope, fact.expiresOn, fact.requirementId]);
      const count = counts.get(key) ?? {
        scope,
        expires_on: fact.expiresOn,
        requirement_id: fact.requirementId,
        people: 0,
      };
      count.people += fact.people;
      counts.set(key, count);
    }
  }
  return counts;
}

/** The expiries of these people's current standings that count in the stored forecasts. */
export async function expiryFactsOf(db: Executor, userIds: readonly number[]): Promise<ExpiryFact[]> {
  if (!userIds.length) return [];
  return expiries(db)
    .where("r.user_id", "in", [...userIds])
    .execute();
}

function expiries(db: Executor) {
  return db
    .selectFrom("person_requirement_states as r")
    .innerJoin("person_standings as s", "s.user_id", "r.user_id")
    .leftJoin("pcns", "pcns.id", "s.pcn_id")
    .select(["pcns.ics_name as icsName", "r.expires_on as expiresOn", "r.requirement_id as requirementId"])
    .where("r.expires_on", "is not", null)
    .$narrowType<{ expiresOn: string }>();
}

async function insertCounts(db: Executor, counts: readonly ExpiryCount[]) {
  for (let i = 0; i < counts.length; i += 500) {
    const chunk = counts.slice(i, i + 500);
    await db
      .insertInto("scope_expiries")
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(["scope", "expires_on", "requirement_id"])
          .doUpdateSet((eb) => ({ people: eb("scope_expiries.people", "+", eb.ref("excluded.people")) })),
      )
      .execute();
    // A day nobody's training lapses on any more is removed, so the table holds only what counts.
    await db
      .deleteFrom("scope_expiries")
      .where("people", "=", 0)
      .where("scope", "in", [...new Set(chunk.map((c) => c.scope))])
      .where("expires_on", "in", [...new Set(chunk.map((c) => c.expires_on))])
      .execute();
  }
}

/** Takes the same people's expiries before a change out of the stored counts, and puts those after it in. */
export async function applyExpiryChanges(
  db: Executor,
  before: readonly ExpiryFact[],
  after: readonly ExpiryFact[],
): Promise<void> {
  const counts = addUp(
    new Map(),
    before.map((f) => ({ ...f, people: -1 })),
  );
  addUp(
    counts,
    after.map((f) => ({ ...f, people: 1 })),
  );
  await insertCounts(
    db,
    [...counts.values()].filter((c) => c.people !== 0),
  );
}

/** Counts the stored expiries of these ICSs again (of every scope when none are named), from the standings. */
export async function rebuildExpiries(db: Executor, icsNames?: readonly string[]): Promise<void> {
  if (icsNames?.length === 0) return;
  await lockRollups(db);
  let scoped = db.deleteFrom("scope_expiries");
  if (icsNames)
    scoped = scoped.where(
      "scope",
      "in",
      icsNames.map((name) => `ics:${name}`),
    );
  await scoped.execute();
  let counted = expiries(db)
    .select((eb) => eb.fn.countAll<number>().as("people"))
    .groupBy(["pcns.ics_name", "r.expires_on", "r.requirement_id"]);
  if (icsNames) counted = counted.where("pcns.ics_name", "in", [...icsNames]);
  const rows = (await counted.execute()).map((r) => ({ ...r, people: Number(r.people) }));
  await insertCounts(db, [...addUp(new Map(), rows, icsNames ? "ics" : undefined).values()]);
}
