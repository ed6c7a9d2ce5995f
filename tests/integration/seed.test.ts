import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/seed-demo";
import { attemptSignIn } from "~/models/credentials.server";
import { dashboardRows } from "~/models/dashboard.server";
import { todayInLondon } from "~/domain/training-status";

async function tableCounts() {
  const tables = await getDb().introspection.getTables();
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)}`.execute(getDb());
    counts[t.name] = Number(row.rows[0]!.n);
  }
  return counts;
}

describe("demo seed", () => {
  it("fills an empty database with a living PCN, and a second run changes nothing", async () => {
    expect(await seedDemo(getDb())).toBe(true);
    const first = await tableCounts();
    expect(await seedDemo(getDb())).toBe(false);
    expect(await tableCounts()).toEqual(first);

    const staff = await getDb().selectFrom("users").select(["job_role"]).where("job_role", "is not", null).execute();
    expect(staff).toHaveLength(8);
    expect(new Set(staff.map((s) => s.job_role))).toEqual(
      new Set(["care-coordinator", "health-and-wellbeing-coach", "social-prescribing-link-worker"]),
    );
    const roles = await getDb().selectFrom("user_roles").select("role").distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "coordinator", "lead", "supervisor"]);
    expect(first.evidence_items).toBeGreaterThan(0);
    expect(first.competency_signoffs).toBeGreaterThan(0);
  });

  it("shows every readiness state: ready, ready pending verification and not ready", async () => {
    const rows = await dashboardRows(getDb(), null, todayInLondon(new Date()));
    const state = (name: string) => rows.find((r) => r.name === name)?.state;
    expect(state("Siân Williams")).toBe("ready");
    expect(state("Liam O'Connor")).toBe("pending-verification");
    expect(state("Jack Thompson")).toBe("not-ready");
  });

  it("every README demo account signs in with the demo password", async () => {
    for (const email of [
      "admin@care-portfolio.example",
      "lead@riverside-pcn.example",
      "supervisor@riverside-pcn.example",
      "coordinator@riverside-pcn.example",
    ]) {
      expect((await attemptSignIn(getDb(), { email, password: DEMO_PASSWORD, ip: "203.0.113.50" })).ok, email).toBe(
        true,
      );
    }
  });
});
