/**
 * The figures of the whole deployment and of each integrated care system (ICS), stored beside each PCN's
 * (`pcn_standings`) so that the admin dashboard reads one row rather than adding up 1,250 PCNs per request. When
 * some PCNs' figures change, their old figures are taken out of the totals they count in and the new ones put in,
 * in the same transaction; a rebuild adds every PCN up again.
 */
import { addFigures, emptyFigures, mergeFigures, type Figures } from "~/domain/figures";
import type { Executor } from "./audit.server";

/** Whose totals: every PCN (and staff in none), or the PCNs of one ICS. */
export type TotalScope = { kind: "all" } | { kind: "ics"; icsName: string };

const keyOf = (scope: TotalScope) => (scope.kind === "all" ? "all" : `ics:${scope.icsName}`);

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
 * Adds these scopes up again from their PCNs' stored figures (every scope when none are named): for a rebuild,
 * and when a PCN moves from one ICS to another.
 */
export async function rebuildTotals(db: Executor, icsNames?: readonly string[]): Promise<void> {
  if (icsNames?.length === 0) return;
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
}

/** The stored totals of a scope: no row means nobody is counted in it. */
export async function totalsOf(db: Executor, scope: TotalScope): Promise<Figures> {
  const row = await db
    .selectFrom("scope_standings")
    .select("figures_json")
    .where("scope", "=", keyOf(scope))
    .executeTakeFirst();
  return row ? (JSON.parse(row.figures_json) as Figures) : emptyFigures();
}
