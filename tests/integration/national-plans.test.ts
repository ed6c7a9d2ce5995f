/**
 * At national size the people list, the audit page's list of people and the dashboard's figures read indexes, not
 * whole tables: their queries, run on a SQLite file with more people than the bench calls large, pass the bench's
 * own plan check (scripts/lib/bench/plans.ts). The file is this test's own, whichever database the suite runs on.
 */
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withQueryLog } from "~/lib/query-log.server";
import { ensureRollups, figuresWhere } from "~/models/rollups.server";
import { totalsOf } from "~/models/scope-figures.server";
import { countPeopleToChoose, listPeople, peopleToChoose } from "~/models/user.server";
import { createDb, openSqlite } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { checkPlans, LARGE_TABLE_ROWS, readQueryLog } from "../../scripts/lib/bench/plans";
import { openSqliteRaw, type RawDb } from "../../scripts/lib/bench/raw-db";
import { testTempDir } from "../support/temp-dir";

const PEOPLE = LARGE_TABLE_ROWS + 1_000;
const PCNS = 100;
const dir = testTempDir("care-portfolio-national-plans-");
const file = path.join(dir, "national.sqlite");
const logFile = path.join(dir, "queries.jsonl");
let db: Kysely<Database>;
let raw: RawDb;

beforeAll(async () => {
  const plain = createDb(file);
  await migrateToLatest(plain);
  // Built while empty, so the standings loaded below are taken as they are (the people list's count reads them).
  await ensureRollups(plain);
  await plain.destroy();
  // A bulk load straight into the file, as the scale seed does: the models are what is under test, not the set-up.
  const sqlite = openSqlite(file);
  const at = "2026-11-26T09:00:00.000Z";
  sqlite.transaction(() => {
    const pcn = sqlite.prepare("INSERT INTO pcns (name, ods_code, ics_name, created_at) VALUES (?, ?, ?, ?)");
    for (let i = 1; i <= PCNS; i++) pcn.run(`PCN ${i}`, `U${10000 + i}`, `ICS ${i % 5}`, at);
    const user = sqlite.prepare(
      `INSERT INTO users (pcn_id, name, email, email_key, job_role, active, created_at, updated_at, purged_at)
       VALUES (?, ?, ?, ?, 'care-coordinator', ?, ?, ?, ?)`,
    );
    const standing = sqlite.prepare(
      `INSERT INTO person_standings (user_id, pcn_id, job_role, name, sort_name, readiness, readiness_rank,
         blockers_json, awaiting_json, training_valid, training_expiring, training_in_progress, training_expired,
         training_missing, verified, recorded, unverified, supervision_state, supervision_due_on, supervision_sort,
         signed_off, cpd_hours, expiries_json, computed_on, stale_on)
       VALUES (?, ?, 'care-coordinator', ?, ?, ?, 0, '[]', '[]', 3, ?, 0, ?, ?, 2, 3, 1, ?, '2027-01-01', '2027-01-01',
         1, 4.5, '[]', '2026-11-26', '2027-01-01')`,
    );
    const state = sqlite.prepare(
      "INSERT INTO person_requirement_states (user_id, requirement_id, state) VALUES (?, ?, ?)",
    );
    for (let i = 1; i <= PEOPLE; i++) {
      const name = `Person ${String(i).padStart(5, "0")}`;
      const pcnId = (i % PCNS) + 1;
      user.run(pcnId, name, `p${i}@example.org`, `p${i}@example.org`, i % 10 ? 1 : 0, at, at, i % 97 ? null : at);
      standing.run(i, pcnId, name, name.toLowerCase(), ["ready", "not-ready"][i % 2], i % 3, i % 4, i % 5, "ok");
      state.run(i, "safeguarding-adults", ["valid", "expired"][i % 2]);
    }
  })();
  sqlite.close();
  db = withQueryLog(createDb(file), logFile);
  raw = openSqliteRaw(file);
});

afterAll(async () => {
  await db.destroy();
  await raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fullScansOf(run: () => Promise<unknown>) {
  const { end } = readQueryLog(logFile);
  await run();
  const { queries } = readQueryLog(logFile, end);
  expect(queries.length).toBeGreaterThan(0);
  const plans = await checkPlans(raw, queries, await raw.tableSizes());
  return plans.filter((p) => p.fullScans.length).map((p) => `${p.fullScans.join(", ")}: ${p.sql}`);
}

describe("at national size, without a full scan of a large table", () => {
  it("the people list: current staff, everyone, a search and one PCN, by name with their count", async () => {
    const all = { kind: "all" } as const;
    expect(
      await fullScansOf(async () => {
        const first = await listPeople(db, { pcns: all, page: 1, pageSize: 25 });
        expect(first.people.map((p) => p.name)).toEqual(
          [...Array(40).keys()]
            .map((i) => i + 1)
            .filter((i) => i % 10 && i % 97)
            .slice(0, 25)
            .map((i) => `Person ${String(i).padStart(5, "0")}`),
        );
        await listPeople(db, { pcns: all, includeInactive: true, page: 3, pageSize: 25 });
        await listPeople(db, { pcns: all, search: "person 0999", page: 1, pageSize: 25 });
        await listPeople(db, { pcns: { kind: "one", pcnId: 7 }, page: 1, pageSize: 25 });
      }),
    ).toEqual([]);
  });

  it("the audit page's people to choose from, leavers included, by name, and how many there are", async () => {
    let chosen: { id: number; name: string }[] = [];
    let counted = 0;
    expect(
      await fullScansOf(async () => {
        chosen = await peopleToChoose(db, { kind: "all" }, 1000);
        await peopleToChoose(db, { kind: "one", pcnId: 7 }, 1000);
        counted = await countPeopleToChoose(db, { kind: "all" }, 1001);
        await countPeopleToChoose(db, { kind: "one", pcnId: 7 }, 1001);
      }),
    ).toEqual([]);
    expect(chosen).toHaveLength(1000);
    expect(counted).toBe(1001);
    // Leavers are listed (their changes are in the trail); purged people are not.
    expect(chosen.map((p) => p.id)).toContain(10);
    expect(chosen.map((p) => p.id)).not.toContain(97);
    expect(chosen.map((p) => p.name)).toEqual([...chosen.map((p) => p.name)].sort());
  });

  it("the dashboard's stored totals and its figures under each filter", async () => {
    let notReady = 0;
    expect(
      await fullScansOf(async () => {
        await totalsOf(db, { kind: "all" });
        await totalsOf(db, { kind: "ics", icsName: "ICS 1" });
        notReady = (await figuresWhere(db, (eb) => eb("person_standings.readiness", "=", "not-ready"))).staff;
        await figuresWhere(db, (eb) => eb("person_standings.training_expired", ">", 0));
        await figuresWhere(db, (eb) => eb("person_standings.training_expiring", ">", 0));
        await figuresWhere(db, (eb) => eb("person_standings.training_missing", ">", 0));
        await figuresWhere(db, (eb) => eb("person_standings.unverified", ">", 0));
        await figuresWhere(db, (eb) => eb("person_standings.supervision_state", "=", "overdue"));
        await figuresWhere(db, (eb) => eb("person_standings.job_role", "=", "care-coordinator"));
      }),
    ).toEqual([]);
    expect(notReady).toBe(Math.ceil(PEOPLE / 2));
  });
});
