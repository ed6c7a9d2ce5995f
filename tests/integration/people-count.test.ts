/**
 * The people list's count for the whole deployment: current staff come from the stored figures, only the people
 * without a job role (and leavers, when shown) are counted from `users`. The figure the page shows stays what a
 * recount of `users` gives through every kind of change to who is listed, and at national size none of the list's
 * queries reads the whole of `users`, on either database (PostgreSQL's count used to).
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { emptyFigures, type Figures } from "~/domain/figures";
import { env } from "~/lib/env.server";
import { getDb } from "~/lib/db.server";
import { withQueryLog } from "~/lib/query-log.server";
import { purgePerson } from "~/models/retention.server";
import { ensureRollups } from "~/models/rollups.server";
import { rebuildTotals } from "~/models/scope-figures.server";
import { getPerson, listPeople, setActive, updatePerson } from "~/models/user.server";
import * as people from "~/routes/people._index";
import { makePcn, makePerson } from "../../scripts/lib/factories";
import { checkPlans, LARGE_TABLE_ROWS, readQueryLog } from "../../scripts/lib/bench/plans";
import { openRawDb } from "../../scripts/lib/bench/raw-db";
import { insertUsers } from "../support/bulk-users";
import { testTempDir } from "../support/temp-dir";
import { onPostgres } from "./database-kind";
import { cookieFor, load } from "./harness";

const ALL = { kind: "all" } as const;

/** Counted again the plain way: everyone not purged, and only the active unless leavers are asked for. */
async function recount(includeInactive: boolean): Promise<number> {
  let q = getDb()
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("purged_at", "is", null);
  if (!includeInactive) q = q.where("active", "=", 1);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe("the count of everyone on the people list", () => {
  it("is what a recount of the people gives, after each kind of change to who is listed", async () => {
    const db = getDb();
    const pcn = await makePcn(db, { icsName: "Count ICS" });
    const other = await makePcn(db);
    const admin = await makePerson(db, { roles: ["admin"], jobRole: null });
    await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null });
    const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null });
    const staff = await makePerson(db, { pcnId: pcn.id });
    const mover = await makePerson(db, { pcnId: pcn.id, jobRole: "health-and-wellbeing-coach" });
    const leaver = await makePerson(db, { pcnId: other.id });
    await makePerson(db, { pcnId: null, roles: ["supervisor"], jobRole: "social-prescribing-link-worker" });
    const actor = { id: admin.id };
    const cookie = await cookieFor(admin.id);

    const expectRecounted = async (step: string) => {
      for (const includeInactive of [false, true]) {
        const listed = await listPeople(db, { pcns: ALL, includeInactive, page: 1, pageSize: 1000 });
        const expected = await recount(includeInactive);
        expect(listed.total, `${step}, leavers ${includeInactive ? "shown" : "hidden"}`).toBe(expected);
        expect(listed.people).toHaveLength(expected);
      }
      // The figure the page shows.
      expect((await load(people.loader, "/people", { cookie })).data.total, step).toBe(await recount(false));
    };

    await expectRecounted("as made");
    await setActive(db, leaver.id, false, actor);
    await expectRecounted("a member of staff left");
    const edit = async (id: number, change: { jobRole?: string | null; pcnId?: number | null }) => {
      const person = (await getPerson(db, id))!;
      await updatePerson(db, id, { ...person, ...change }, actor);
    };
    await edit(supervisor.id, { jobRole: "care-coordinator" });
    await expectRecounted("a supervisor took a job role");
    await edit(mover.id, { pcnId: other.id });
    await expectRecounted("a member of staff moved PCN");
    await setActive(db, supervisor.id, false, actor);
    await expectRecounted("someone without a portfolio left");
    await setActive(db, leaver.id, true, actor);
    await expectRecounted("a leaver came back");
    await setActive(db, staff.id, false, actor);
    const purged = await purgePerson(db, env().DATA_DIR, staff.id, 0, actor, new Date(Date.now() + 86_400_000));
    expect(purged).not.toBeNull();
    await expectRecounted("a leaver's records were purged");
  });
});

describe("at national size", () => {
  it("counts and lists everyone without reading the whole of users", { timeout: 60_000 }, async () => {
    const dir = testTempDir("care-portfolio-people-count-");
    const logFile = path.join(dir, "queries.jsonl");
    const db = getDb();
    // Built now, with this file's few people, so that the figures written below are taken as they are.
    await ensureRollups(db);
    const pcns = await Promise.all(Array.from({ length: 20 }, () => makePcn(db)));
    const at = "2026-11-26T09:00:00.000Z";
    // About the national mix: most people are current staff, a quarter have no job role, a few have left.
    const rows = Array.from({ length: LARGE_TABLE_ROWS + 1_500 }, (_, i) => ({
      pcn_id: pcns[i % pcns.length]!.id,
      name: `Bulk person ${String(i).padStart(5, "0")}`,
      email: `bulk${i}@count.example`,
      email_key: `bulk${i}@count.example`,
      job_role: i % 4 === 0 ? null : "care-coordinator",
      active: i % 50 === 0 ? 0 : 1,
      created_at: at,
      updated_at: at,
    }));
    await insertUsers(db, rows);
    // The staff among them as the stored figures count them (the rollups tests check those figures themselves).
    const staffIn = new Map<number, number>();
    for (const r of rows) if (r.active && r.job_role) staffIn.set(r.pcn_id, (staffIn.get(r.pcn_id) ?? 0) + 1);
    for (const [pcnKey, staff] of staffIn) {
      const stored = await db
        .selectFrom("pcn_standings")
        .select("figures_json")
        .where("pcn_key", "=", pcnKey)
        .executeTakeFirst();
      const figures = stored ? (JSON.parse(stored.figures_json) as Figures) : emptyFigures();
      await db.deleteFrom("pcn_standings").where("pcn_key", "=", pcnKey).execute();
      await db
        .insertInto("pcn_standings")
        .values({ pcn_key: pcnKey, figures_json: JSON.stringify({ ...figures, staff: figures.staff + staff }) })
        .execute();
    }
    await rebuildTotals(db);
    // The planner's statistics, as a deployment has them.
    await sql.raw(onPostgres ? "VACUUM ANALYZE users" : "ANALYZE").execute(db);

    const logged = withQueryLog(db, logFile);
    const current = await listPeople(logged, { pcns: ALL, page: 1, pageSize: 25 });
    const everyone = await listPeople(logged, { pcns: ALL, includeInactive: true, page: 3, pageSize: 25 });
    await listPeople(logged, { pcns: { kind: "one", pcnId: pcns[3]!.id }, page: 1, pageSize: 25 });
    expect(current.total).toBe(await recount(false));
    expect(everyone.total).toBe(await recount(true));
    expect(current.people).toHaveLength(25);

    const raw = await openRawDb({ databaseUrl: process.env.DATABASE_URL, sqliteFile: process.env.DATABASE_PATH! });
    try {
      const sizes = await raw.tableSizes();
      expect(sizes.get("users")).toBeGreaterThan(LARGE_TABLE_ROWS);
      const plans = await checkPlans(raw, readQueryLog(logFile).queries, sizes);
      expect(plans.filter((p) => p.fullScans.length).map((p) => `${p.fullScans.join(", ")}: ${p.sql}`)).toEqual([]);
    } finally {
      await raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
