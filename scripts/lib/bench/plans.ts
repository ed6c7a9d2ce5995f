/**
 * Query plans of what a page runs: reads the server's query log (app/lib/query-log.server.ts), explains each
 * distinct statement with the parameters it first ran with, and finds full scans of large tables.
 *
 * A full scan is a plan step that reads a whole table with no index: SQLite's `SCAN <table>` (with no `USING ...
 * INDEX`), PostgreSQL's `Seq Scan on <table>`, on a table with more rows than the threshold. One kind of scan is
 * let through: the outermost loop of a statement that ends in `LIMIT` with no sort step and no large OFFSET (the
 * newest 50 rows by id, say), because it stops after that many rows.
 */
import fs from "node:fs";
import type { LoggedQuery } from "~/lib/query-log.server";
import type { PlanLine, RawDb } from "./raw-db";

/** Tables with more rows than this must not be scanned whole. */
export const LARGE_TABLE_ROWS = 10_000;

/** An OFFSET this large reads that many rows before the first it returns: as bad as a scan. */
const LARGE_OFFSET = 1_000;

export interface QueryPlan {
  sql: string;
  parameters: readonly unknown[];
  /** How many times the page ran this statement. */
  runs: number;
  plan: string[];
  /** Large tables this statement reads whole: "<table> (<rows> rows)". */
  fullScans: string[];
  /** Scans let through because LIMIT stops them early. */
  stoppedByLimit: string[];
}

/** The queries appended to the log from byte `from` on, and where the log ends now. */
export function readQueryLog(file: string, from = 0): { queries: LoggedQuery[]; end: number } {
  if (!fs.existsSync(file)) return { queries: [], end: 0 };
  const text = fs.readFileSync(file).subarray(from).toString("utf8");
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  const queries = complete
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LoggedQuery);
  return { queries, end: from + Buffer.byteLength(complete) };
}

/** Each distinct SQL text once, with the parameters of its first run and how often it ran. */
export function distinctQueries(
  queries: readonly LoggedQuery[],
): { sql: string; parameters: readonly unknown[]; runs: number }[] {
  const bySql = new Map<string, { sql: string; parameters: readonly unknown[]; runs: number }>();
  for (const q of queries) {
    const seen = bySql.get(q.sql);
    if (seen) seen.runs += 1;
    else bySql.set(q.sql, { sql: q.sql, parameters: q.parameters, runs: 1 });
  }
  return [...bySql.values()];
}

const SQL_WORDS = new Set([
  "where",
  "join",
  "inner",
  "left",
  "right",
  "cross",
  "on",
  "order",
  "group",
  "limit",
  "union",
  "set",
  "values",
  "using",
  "natural",
]);

/** Which table each name in the statement stands for: `from "users" as "u"` maps both `u` and `users` to users. */
export function tableAliases(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const pattern = /\b(?:from|join|update|into)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi;
  for (const match of sql.matchAll(pattern)) {
    const table = match[1]!;
    aliases.set(table, table);
    const alias = match[2];
    if (alias && !SQL_WORDS.has(alias.toLowerCase())) aliases.set(alias, table);
  }
  return aliases;
}

/** The OFFSET value of a statement ending in `limit ? offset ?` (or literal numbers), 0 when there is none. */
function trailingLimit(sql: string, parameters: readonly unknown[]): { offset: number } | null {
  const match = /\blimit\s+(\?|\$\d+|\d+)(?:\s+offset\s+(\?|\$\d+|\d+))?\s*$/i.exec(sql.trim());
  if (!match) return null;
  const value = (token: string | undefined): number => {
    if (token === undefined) return 0;
    if (token === "?") return Number(parameters[parameters.length - 1]);
    if (token.startsWith("$")) return Number(parameters[Number(token.slice(1)) - 1]);
    return Number(token);
  };
  return { offset: value(match[2]) };
}

/** The table a plan line reads whole, or null: SQLite `SCAN x` without an index, PostgreSQL `Seq Scan on x`. */
function scannedName(line: PlanLine, dialect: RawDb["dialect"]): string | null {
  if (dialect === "sqlite") {
    const match = /^SCAN (\w+)(.*)$/.exec(line.detail);
    return match && !/USING .*INDEX|USING INTEGER PRIMARY KEY/.test(match[2]!) ? match[1]! : null;
  }
  return /Seq Scan on (\w+)/.exec(line.detail)?.[1] ?? null;
}

/** Whether a scan is the statement's outermost loop and LIMIT, with no sort in between, stops it early. */
function stoppedEarly(
  line: PlanLine,
  lines: readonly PlanLine[],
  sql: string,
  parameters: readonly unknown[],
): boolean {
  const limit = trailingLimit(sql, parameters);
  if (!limit || limit.offset >= LARGE_OFFSET) return false;
  if (lines.some((l) => /TEMP B-TREE|\b(Sort|Aggregate|HashAggregate|GroupAggregate)\b/.test(l.detail))) return false;
  if (/\b(count|sum|max|min|avg)\s*\(|\bgroup by\b|\bdistinct\b/i.test(sql)) return false;
  // SQLite: the first loop at the top level. PostgreSQL: the first scan under a Limit at the top of the plan.
  const outermost = lines.find((l) => l.parent === 0 && /^(SCAN|SEARCH)\b|Scan on /.test(l.detail.trim()));
  const limitOnTop = !/Scan on /.test(line.detail) || /^\s*Limit\b/.test(lines[0]?.detail ?? "");
  return outermost === line && limitOnTop;
}

/** Explains each statement and names the large tables it reads whole. */
export async function checkPlans(
  db: RawDb,
  queries: readonly LoggedQuery[],
  sizes: ReadonlyMap<string, number>,
  threshold = LARGE_TABLE_ROWS,
): Promise<QueryPlan[]> {
  const plans: QueryPlan[] = [];
  for (const { sql, parameters, runs } of distinctQueries(queries)) {
    const lines = await db.explain(sql, parameters);
    const aliases = tableAliases(sql);
    const fullScans: string[] = [];
    const stoppedByLimit: string[] = [];
    for (const line of lines) {
      const name = scannedName(line, db.dialect);
      const table = name ? (aliases.get(name) ?? name) : null;
      const rows = table ? sizes.get(table) : undefined;
      if (!table || rows === undefined || rows <= threshold) continue;
      const described = `${table} (${rows.toLocaleString("en-GB")} rows)`;
      if (stoppedEarly(line, lines, sql, parameters)) stoppedByLimit.push(described);
      else fullScans.push(described);
    }
    plans.push({
      sql,
      parameters,
      runs,
      plan: lines.map((l) => indent(l, lines) + l.detail),
      fullScans,
      stoppedByLimit,
    });
  }
  return plans;
}

/** SQLite's plan rows as a tree: two spaces per level. */
function indent(line: PlanLine, lines: readonly PlanLine[]): string {
  let depth = 0;
  for (let parent = line.parent; parent !== 0; depth++) parent = lines.find((l) => l.id === parent)?.parent ?? 0;
  return "  ".repeat(depth);
}
