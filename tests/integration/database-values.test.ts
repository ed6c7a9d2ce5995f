/**
 * The app reads the same values from SQLite and PostgreSQL (ADR 0013): counts and sums as numbers, comparisons as
 * 1 or 0, fractions exactly as stored, the same through a streamed query, and text compared case by case.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { makePerson } from "../../scripts/lib/factories";

describe("values read from the database", () => {
  it("gives counts, sums and comparisons as numbers, as SQLite does", async () => {
    await makePerson(getDb(), { fte: 0.6 });
    await makePerson(getDb(), { fte: 0.7 });
    const row = await getDb()
      .selectFrom("users")
      .select((eb) => [
        eb.fn.countAll<number>().as("people"),
        eb.fn.sum<number>("fte").as("totalFte"),
        sql<number>`count(*) > 0`.as("anyone"),
        sql<number>`count(*) < 0`.as("nobody"),
      ])
      .executeTakeFirstOrThrow();
    expect(row.people).toBe(2);
    expect(row.totalFte).toBeCloseTo(1.3, 10);
    expect([row.anyone, row.nobody]).toEqual([1, 0]);
  });

  it("keeps a fraction exactly as it was written", async () => {
    const { id } = await makePerson(getDb(), { fte: 0.8 });
    const { fte } = await getDb().selectFrom("users").select("fte").where("id", "=", id).executeTakeFirstOrThrow();
    expect(fte).toBe(0.8);
  });

  it("gives a streamed query the same values as an ordinary one", async () => {
    const query = getDb()
      .selectFrom("users")
      .select((eb) => [
        "id",
        "fte",
        eb.fn.countAll<number>().over().as("people"),
        sql<number>`fte > 0.5`.as("moreThanHalf"),
      ])
      .orderBy("id");
    const streamed = [];
    for await (const row of query.stream(2)) streamed.push(row);
    expect(streamed).toEqual(await query.execute());
    expect(streamed.every((r) => typeof r.people === "number" && [0, 1].includes(r.moreThanHalf))).toBe(true);
  });
});
