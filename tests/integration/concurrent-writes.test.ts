/**
 * Two people acting on the same record at the same moment: one wins and the other is told, on SQLite (one writer at
 * a time) and on PostgreSQL (transactions side by side; the read that decides holds its row: ADR 0013).
 */
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { moveEvidence } from "~/models/evidence.server";
import { recordSignoff } from "~/models/signoff.server";
import { makeTeam } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { itOnSqliteFile } from "./database-kind";

describe("simultaneous decisions on one record", () => {
  it("two reviewers accepting the same evidence at once: one acceptance is recorded", async () => {
    const team = await makeTeam(getDb());
    const id = await makeEvidence(getDb(), team.coordinator, {}, { outcome: "submitted" });
    const accept = (actorId: number) =>
      moveEvidence(getDb(), id, { action: "accept", as: "reviewer", pcnId: team.pcn.id }, { id: actorId, ip: null });
    const results = await Promise.all([accept(team.supervisor.id), accept(team.lead.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const accepted = await getDb()
      .selectFrom("evidence_reviews")
      .select("id")
      .where("evidence_id", "=", id)
      .where("action", "=", "accept")
      .execute();
    expect(accepted).toHaveLength(1);
  });

  it("two supervisors signing off the same competency at once: one sign-off is recorded", async () => {
    const team = await makeTeam(getDb());
    await makeEvidence(
      getDb(),
      team.coordinator,
      { competencyIds: ["pc-1"] },
      {
        outcome: "accepted",
        reviewerId: team.supervisor.id,
      },
    );
    const signOff = (actorId: number) =>
      recordSignoff(
        getDb(),
        {
          userId: team.coordinator.id,
          pcnId: team.pcn.id,
          competencyId: "pc-1",
          action: "sign-off",
          comment: "Seen in practice and in the accepted evidence.",
          frameworkVersion: "2026.1",
        },
        { id: actorId, ip: null },
      );
    const results = await Promise.all([signOff(team.supervisor.id), signOff(team.lead.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rows = await getDb()
      .selectFrom("competency_signoffs")
      .select("id")
      .where("user_id", "=", team.coordinator.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe("another process writing to the same SQLite file (a second app process, a job script)", () => {
  itOnSqliteFile("a write between a transaction's read and its own write waits its turn: both land", async () => {
    const team = await makeTeam(getDb());
    const other = new SQLite(process.env.DATABASE_PATH!);
    // Told not to wait, so a refusal shows who holds the lock instead of stalling this one thread.
    other.pragma("busy_timeout = 0");
    const rename = (name: string) => other.prepare("update pcns set name = ? where id = ?").run(name, team.pcn.id);
    let otherRefused = false;
    await getDb()
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom("pcns").select("name").where("id", "=", team.pcn.id).executeTakeFirstOrThrow();
        try {
          rename("Renamed by the other process");
        } catch (error) {
          otherRefused = (error as { code?: string }).code === "SQLITE_BUSY";
        }
        await trx.updateTable("users").set({ name: "Renamed here" }).where("id", "=", team.coordinator.id).execute();
      });
    // The other process's busy timeout has it try again; once this transaction commits, its write goes in.
    expect(otherRefused).toBe(true);
    rename("Renamed by the other process");
    other.close();
    const pcn = await getDb().selectFrom("pcns").select("name").where("id", "=", team.pcn.id).executeTakeFirstOrThrow();
    const user = await getDb()
      .selectFrom("users")
      .select("name")
      .where("id", "=", team.coordinator.id)
      .executeTakeFirstOrThrow();
    expect([pcn.name, user.name]).toEqual(["Renamed by the other process", "Renamed here"]);
  });
});
