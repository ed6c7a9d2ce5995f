import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withQueryLog } from "~/lib/query-log.server";
import { checkPlans, LARGE_TABLE_ROWS, readQueryLog } from "../../scripts/lib/bench/plans";
import { openSqliteRaw, type RawDb } from "../../scripts/lib/bench/raw-db";
import { testTempDir } from "../support/temp-dir";

interface Tables {
  entries: { id: number; owner: number; note: string };
  tiny: { id: number; name: string };
}

// A real SQLite file with one table above the bench's "large" threshold and one far below it.
const dir = testTempDir("care-portfolio-bench-plans-");
const file = path.join(dir, "plans.sqlite");
const logFile = path.join(dir, "queries.jsonl");
let app: Kysely<Tables>;
let raw: RawDb;

beforeAll(() => {
  const sqlite = new SQLite(file);
  sqlite.exec(`CREATE TABLE entries (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL, note TEXT NOT NULL);
    CREATE INDEX entries_owner ON entries (owner);
    CREATE TABLE tiny (id INTEGER PRIMARY KEY, name TEXT NOT NULL);`);
  const insert = sqlite.prepare("INSERT INTO entries (owner, note) VALUES (?, ?)");
  sqlite.transaction(() => {
    for (let i = 0; i < LARGE_TABLE_ROWS + 2000; i++) insert.run(i % 500, `note ${i}`);
  })();
  sqlite.prepare("INSERT INTO tiny (name) VALUES ('a'), ('b')").run();
  sqlite.close();
  app = withQueryLog(new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(file) }) }), logFile);
  raw = openSqliteRaw(file);
});

afterAll(async () => {
  await app.destroy();
  await raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("query log and plan check", () => {
  it("leaves the database handle untouched when no log file is set", () => {
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
    expect(withQueryLog(db, undefined)).toBe(db);
    expect(withQueryLog(db, "")).toBe(db);
  });

  it("logs each query's SQL and parameters, flags a whole-table scan of a large table and passes indexed lookups", async () => {
    const { end } = readQueryLog(logFile);
    await app.selectFrom("entries").selectAll().where("owner", "=", 7).execute();
    await app.selectFrom("entries").selectAll().where("owner", "=", 8).execute();
    await app.selectFrom("entries").selectAll().where("note", "=", "note 42").execute();
    await app.selectFrom("entries as e").select("e.id").where("e.note", "like", "%9").execute();
    await app.selectFrom("tiny").selectAll().where("name", "=", "a").execute();
    await app.selectFrom("entries as e").select("e.id").orderBy("e.id", "desc").limit(50).execute();

    const { queries } = readQueryLog(logFile, end);
    expect(queries.map((q) => q.parameters)).toEqual([[7], [8], ["note 42"], ["%9"], ["a"], [50]]);
    expect(queries[0]!.sql).toBe('select * from "entries" where "owner" = ?');
    expect(queries.every((q) => q.ms >= 0)).toBe(true);

    const plans = await checkPlans(raw, queries, await raw.tableSizes());
    const scansOf = (sql: string) => plans.find((p) => p.sql.includes(sql))!;
    expect(plans).toHaveLength(5);
    expect(scansOf('where "owner" = ?')).toMatchObject({ runs: 2, fullScans: [] });
    expect(scansOf('where "owner" = ?').plan.join("\n")).toMatch(/SEARCH entries USING INDEX entries_owner/);
    expect(scansOf('where "note" = ?').fullScans).toEqual(["entries (12,000 rows)"]);
    // An alias is traced back to its table.
    expect(scansOf('"e"."note" like ?').fullScans).toEqual(["entries (12,000 rows)"]);
    expect(scansOf('from "tiny"').fullScans).toEqual([]);
    // The newest 50 by id stop after 50 rows: a scan LIMIT ends early is not a full scan.
    expect(scansOf("limit ?")).toMatchObject({ fullScans: [], stoppedByLimit: ["entries (12,000 rows)"] });
  });

  it("counts a deep OFFSET as a full scan", async () => {
    const { end } = readQueryLog(logFile);
    await app.selectFrom("entries").select("id").orderBy("id", "desc").limit(50).offset(10_000).execute();
    const { queries } = readQueryLog(logFile, end);
    const [plan] = await checkPlans(raw, queries, await raw.tableSizes());
    expect(plan!.fullScans).toEqual(["entries (12,000 rows)"]);
  });
});
