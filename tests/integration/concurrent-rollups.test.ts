/**
 * Writes that keep the rollups, made at the same moment. On PostgreSQL transactions run side by side, and each one
 * rewrites its person's standing, its PCN's figures and the ICS and national totals they count in (ADR 0013): every
 * write must land, and afterwards the stored rollups must equal what a rebuild works out from the records.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { lockForUpdate } from "../../db/dialect";
import { getContent } from "~/content/index.server";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { rebuildRollups, refreshStanding } from "~/models/rollups.server";
import { lockRollups } from "~/models/scope-figures.server";
import { getPerson, updatePerson } from "~/models/user.server";
import { recordSignoff } from "~/models/signoff.server";
import { createTrainingRecords, verifyTrainingRecord } from "~/models/training.server";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { makeCpd, makeMeeting, makeTraining } from "../../scripts/lib/factories/compliance";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { onPostgres } from "./database-kind";

const TODAY = todayInLondon(new Date());
const REQUIREMENTS = getContent().trainingRequirements.requirements.map((r) => r.id);

interface Staff {
  id: number;
  pcnId: number;
  supervisor: number;
  /** Two completed, unverified training records: one for each test to verify. */
  unverified: number[];
}
/** Two members of staff in each of four PCNs of one ICS. */
let staff: Staff[];

beforeAll(async () => {
  const db = getDb();
  staff = [];
  for (let p = 0; p < 4; p++) {
    const pcn = await makePcn(db, { icsName: "North ICS" });
    const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null, password: null });
    for (let s = 0; s < 2; s++) {
      const person = await makePerson(db, { pcnId: pcn.id, password: null });
      await makeArrangement(db, person, supervisor.id);
      // Accepted evidence for the two competencies the tests sign off.
      await makeEvidence(
        db,
        person,
        { competencyIds: ["pc-1", "pc-2"] },
        { outcome: "accepted", reviewerId: supervisor.id },
      );
      const unverified = [];
      for (const requirementId of REQUIREMENTS.slice(0, 2))
        unverified.push(await makeTraining(db, person, requirementId));
      staff.push({ id: person.id, pcnId: pcn.id, supervisor: supervisor.id, unverified });
    }
  }
});

/** Each kind of write that changes a standing; `n` (0 or 1) picks what each test adds, so the two never collide. */
const WRITES: ((person: Staff, n: number) => Promise<unknown>)[] = [
  (person) => makeCpd(getDb(), person, { activityDate: TODAY, hours: 2 }),
  (person, n) => makeTraining(getDb(), person, REQUIREMENTS[2 + n]!, { completedOn: TODAY }),
  (person, n) => makeMeeting(getDb(), person, person.supervisor, { metOn: addCalendarDays(TODAY, -n) }),
  async (person, n) => {
    const result = await recordSignoff(
      getDb(),
      {
        userId: person.id,
        pcnId: person.pcnId,
        competencyId: ["pc-1", "pc-2"][n]!,
        action: "sign-off",
        comment: "Seen in practice and in the accepted evidence.",
        frameworkVersion: "2026.1",
      },
      { id: person.supervisor, ip: null },
    );
    if (!result.ok) throw new Error(result.reason);
  },
  async (person, n) => {
    const check = { method: "esr" as const, note: null };
    const result = await verifyTrainingRecord(getDb(), person, person.unverified[n]!, check, {
      id: person.supervisor,
      ip: null,
    });
    if (!result.ok) throw new Error(result.reason);
  },
];

/** Runs the writes at once; the reasons of those that failed (none should). */
async function failuresOf(writes: Promise<unknown>[]): Promise<string[]> {
  const results = await Promise.allSettled(writes);
  return results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
}

/** Every stored rollup, in a fixed order, figures parsed (their key order is not theirs to keep). */
async function storedRollups() {
  const db = getDb();
  const parsed = <R extends { figures_json: string }>(rows: R[]) =>
    rows.map(({ figures_json, ...row }) => ({ ...row, figures: JSON.parse(figures_json) as unknown }));
  return {
    people: await db.selectFrom("person_standings").selectAll().orderBy("user_id").execute(),
    requirements: await db
      .selectFrom("person_requirement_states")
      .selectAll()
      .orderBy("user_id")
      .orderBy("requirement_id")
      .execute(),
    pcns: parsed(await db.selectFrom("pcn_standings").selectAll().orderBy("pcn_key").execute()),
    totals: parsed(await db.selectFrom("scope_standings").selectAll().orderBy("scope").execute()),
    expiries: await db
      .selectFrom("scope_expiries")
      .selectAll()
      .orderBy("scope")
      .orderBy("expires_on")
      .orderBy("requirement_id")
      .execute(),
  };
}

/**
 * On PostgreSQL, waits until some transaction waits for a lock, or the write has finished; on SQLite a second
 * transaction waits for the first to end before it starts, so there is nothing to wait for.
 */
async function untilWaitingOrDone(write: Promise<unknown>): Promise<void> {
  if (!onPostgres) return;
  let done = false;
  const finished = () => {
    done = true;
  };
  write.then(finished, finished);
  for (let tries = 0; tries < 200 && !done; tries++) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks where not granted`.execute(getDb());
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function expectRollupsEqualRebuild() {
  const kept = await storedRollups();
  await rebuildRollups(getDb(), TODAY);
  expect(kept).toEqual(await storedRollups());
}

describe("writes that keep the rollups, at the same moment", () => {
  it("for people in different PCNs of one ICS: all of them land and the totals equal a rebuild", async () => {
    // Each person gets a different kind of write from their PCN neighbour, and all eight go at once, twice.
    for (const round of [0, 1]) {
      const writes = staff.map((person, i) => WRITES[(i + round) % WRITES.length]!(person, 0));
      expect(await failuresOf(writes)).toEqual([]);
    }
    await expectRollupsEqualRebuild();
  }, 90_000);

  it("in one PCN, several for the same person and a team session: all of them land and the totals equal a rebuild", async () => {
    const team = staff.filter((person) => person.pcnId === staff[0]!.pcnId);
    const session = {
      requirementId: REQUIREMENTS[4]!,
      status: "completed" as const,
      completedOn: TODAY,
      provider: null,
      attachmentId: null,
    };
    const writes = [
      ...team.flatMap((person) => WRITES.map((write) => write(person, 1))),
      createTrainingRecords(getDb(), team, session, "2026.1", { id: team[0]!.supervisor, ip: null }),
    ];
    expect(await failuresOf(writes)).toEqual([]);
    await expectRollupsEqualRebuild();
  }, 90_000);

  it("one holding a person's row while another stores that person's standing: both land", async () => {
    const person = staff[7]!;
    let refresh: Promise<void> | undefined;
    await getDb()
      .transaction()
      .execute(async (trx) => {
        // As a sign-off does: hold the person's row while deciding, then store their standing.
        await trx.selectFrom("users").select("id").where("id", "=", person.id).$call(lockForUpdate).execute();
        // Meanwhile a page finds their standing out of date and stores it again (refreshStaleStandings).
        refresh = getDb()
          .transaction()
          .execute((other) => refreshStanding(other, person.id));
        await untilWaitingOrDone(refresh);
        await refreshStanding(trx, person.id);
      });
    await expect(refresh).resolves.toBeUndefined();
    await expectRollupsEqualRebuild();
  }, 90_000);

  it("an administrator changing a person's email while a catch-up stores that person's standing: both land", async () => {
    const person = (await getPerson(getDb(), staff[6]!.id))!;
    let edit: Promise<void> | undefined;
    await getDb()
      .transaction()
      .execute(async (trx) => {
        // As a catch-up batch does: the rollups lock first, then the standings.
        await lockRollups(trx);
        // Meanwhile the email changes: a key of the person's row, which a standing's foreign key checks.
        edit = updatePerson(getDb(), person.id, { ...person, email: `changed.${person.email}` }, { id: null });
        await untilWaitingOrDone(edit);
        await refreshStanding(trx, person.id);
      });
    await expect(edit).resolves.toBeUndefined();
    expect((await getPerson(getDb(), person.id))!.email).toBe(`changed.${person.email}`);
    await expectRollupsEqualRebuild();
  }, 90_000);
});
