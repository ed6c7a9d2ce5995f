/**
 * The SQLite connection keeps the statements it prepares (db/connection.ts): the next request runs them again
 * instead of preparing them anew, and answers the same. PostgreSQL has no such cache.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { STATEMENT_CACHE_SIZE, statementCounts, type StatementCounts } from "../../db/connection";
import { getDb } from "~/lib/db.server";
import * as root from "~/root";
import { makeTeam } from "../../scripts/lib/factories";
import { onPostgres } from "./database-kind";
import { cookieFor, load } from "./harness";

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

const counts = async (): Promise<StatementCounts> => (await statementCounts(getDb()))!;
const names = (pcnId: number) =>
  getDb().selectFrom("users").select("name").where("pcn_id", "=", pcnId).orderBy("id").compile();

it("each request's page answers the same, whether its statements were just prepared or kept", async () => {
  const cookie = await cookieFor(team.coordinator.id);
  const first = await load(root.loader, "/", { cookie });
  const second = await load(root.loader, "/", { cookie });
  expect(second).toEqual(first);
  expect(first.data).toMatchObject({ userName: team.coordinator.name, unreadNotices: 0 });
});

it("counts statements on SQLite only: PostgreSQL keeps none of ours", async () => {
  const kept = await statementCounts(getDb());
  if (onPostgres) expect(kept).toBeNull();
  else expect(kept?.prepared).toBeGreaterThan(0);
});

describe.skipIf(onPostgres)("the SQLite statement cache", () => {
  it("a statement prepared for one request is run again by the next, not prepared again", async () => {
    const cookie = await cookieFor(team.lead.id);
    await load(root.loader, "/", { cookie });
    const before = await counts();
    await load(root.loader, "/", { cookie });
    const after = await counts();
    expect(after.prepared).toBe(before.prepared);
    expect(after.reused).toBeGreaterThan(before.reused);
  });

  it("a query run while the same query is being streamed gets a statement of its own; both read every row", async () => {
    const query = names(team.pcn.id);
    const all = (await getDb().executeQuery(query)).rows;
    expect(all.length).toBeGreaterThan(2);
    const prepared = (await counts()).prepared;
    // Kysely lets one query at a time use the connection: run the second on it directly, mid-stream.
    await getDb()
      .getExecutor()
      .provideConnection(async (connection) => {
        const stream = connection.streamQuery(query, 1);
        const streamed = [(await stream.next()).value.rows[0]];
        expect((await connection.executeQuery(query)).rows).toEqual(all);
        for await (const result of stream) streamed.push(result.rows[0]);
        expect(streamed).toEqual(all);
      });
    const before = await counts();
    expect(before.prepared).toBe(prepared + 1);
    expect((await getDb().executeQuery(query)).rows).toEqual(all);
    expect(await counts()).toMatchObject({ prepared: before.prepared, reused: before.reused + 1 });
  });

  it("a stream left part-read frees its statement for the next run", async () => {
    const query = getDb().selectFrom("users").select("name").where("pcn_id", "=", team.pcn.id).orderBy("id");
    for await (const row of query.stream()) {
      expect(row.name).toBe(team.lead.name);
      break;
    }
    const before = await counts();
    expect((await query.execute()).map((r) => r.name)).toContain(team.coordinator.name);
    expect(await counts()).toMatchObject({ prepared: before.prepared, reused: before.reused + 1 });
  });

  it("a kept statement that failed, or whose transaction rolled back, runs again with its own answer", async () => {
    const db = getDb();
    const rename = (name: string, executor = db) =>
      executor.updateTable("pcns").set({ name }).where("id", "=", team.pcn.id).execute();
    const nameNow = async () =>
      (await db.selectFrom("pcns").select("name").where("id", "=", team.pcn.id).executeTakeFirstOrThrow()).name;
    const original = await nameNow();
    await expect(
      db.transaction().execute(async (trx) => {
        await rename("Rolled back PCN", trx);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await nameNow()).toBe(original);
    const duplicate = () => db.insertInto("user_roles").values({ user_id: team.lead.id, role: "lead" }).execute();
    await expect(duplicate()).rejects.toThrow();
    await expect(duplicate()).rejects.toThrow();
    const before = await counts();
    await rename("Renamed PCN");
    expect(await nameNow()).toBe("Renamed PCN");
    expect((await counts()).prepared).toBe(before.prepared);
    await rename(original);
  });

  it(`keeps at most ${STATEMENT_CACHE_SIZE} statements, forgetting the least recently used`, async () => {
    const db = getDb();
    const select = (n: number) => sql<{ n: number }>`select ${sql.lit(n)} as n`.execute(db);
    for (let n = 0; n <= STATEMENT_CACHE_SIZE; n++) await select(n);
    const full = await counts();
    expect(full.cached).toBe(STATEMENT_CACHE_SIZE);
    expect((await select(STATEMENT_CACHE_SIZE)).rows).toEqual([{ n: STATEMENT_CACHE_SIZE }]);
    expect((await counts()).prepared).toBe(full.prepared);
    expect((await select(0)).rows).toEqual([{ n: 0 }]);
    expect((await counts()).prepared).toBe(full.prepared + 1);
  });
});
