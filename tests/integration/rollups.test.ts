/**
 * Rollups (app/models/rollups.server.ts) against a full recount: random sequences of changes made through the
 * model functions, with "today" moving forward between them, and after every step the stored standings and PCN
 * figures equal what working everything out again from the records gives, readiness equals what the per-request
 * service (readinessFor) says, and what the test can count with its own SQL (who is staff, CPD hours, sign-offs,
 * training never recorded, supervisors) equals what is stored. Then again after a rebuild.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/index.server";
import { RuleError } from "~/domain/rule-error";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { readImportFile } from "~/domain/training-import-file";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createCpdEntry, deleteCpdEntry, updateCpdEntry } from "~/models/cpd.server";
import { removeLocalPeriod, setLocalPeriod } from "~/models/local-periods.server";
import { purgePerson } from "~/models/retention.server";
import {
  computeStandings,
  emptyFigures,
  rebuildRollups,
  refreshStaleStandings,
  type Figures,
} from "~/models/rollups.server";
import { getPcn, updatePcn } from "~/models/pcn.server";
import { recordSignoff } from "~/models/signoff.server";
import { decideMeeting, recordMeeting } from "~/models/supervision.server";
import {
  createTrainingRecord,
  createTrainingRecords,
  updateTrainingRecord,
  verifyTrainingRecords,
} from "~/models/training.server";
import { applyTrainingImport, planFingerprint, planTrainingImport } from "~/models/training-import.server";
import { addArrangement, createPerson, endArrangement, getPerson, setActive, updatePerson } from "~/models/user.server";
import { readinessFor } from "~/services/compliance-readiness.server";
import { trainingFinder } from "~/services/training-import.server";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";

const T0 = todayInLondon(new Date());
const ROLES = getContent().roles.roles.map((r) => r.id);
const REQUIREMENTS = getContent().trainingRequirements.requirements.map((r) => r.id);
const STATUSES = ["completed", "completed", "enrolled", "undertaking"] as const;

interface World {
  admin: number;
  pcns: { id: number; supervisor: number }[];
  staff: number[];
}
let world: World;
/** The test's "today": it only moves forward, as time does. */
let today = T0;

beforeAll(async () => {
  const db = getDb();
  const admin = await makePerson(db, { roles: ["admin"], jobRole: null, password: null });
  const pcns: World["pcns"] = [];
  for (const icsName of ["North ICS", "North ICS", "South ICS"]) {
    const pcn = await makePcn(db, { icsName });
    const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null, password: null });
    pcns.push({ id: pcn.id, supervisor: supervisor.id });
  }
  const staff: number[] = [];
  for (let i = 0; i < 6; i++) {
    const { id: pcnId, supervisor } = pcns[i % pcns.length]!;
    const person = await makePerson(db, {
      pcnId,
      jobRole: ROLES[i % ROLES.length]!,
      fte: [1, 0.5, 0.8][i % 3]!,
      startDate: addCalendarDays(T0, -30 * i),
      password: null,
    });
    await makeArrangement(db, person, supervisor);
    // Accepted evidence for two competencies, so they can be signed off and withdrawn.
    await makeEvidence(
      db,
      person,
      { competencyIds: ["pc-1", "pc-2"] },
      { outcome: "accepted", reviewerId: supervisor },
    );
    staff.push(person.id);
  }
  world = { admin: admin.id, pcns, staff };
});

// ---- The changes ----

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

async function ownerOf(id: number) {
  const person = (await getPerson(getDb(), id))!;
  const supervisor = world.pcns.find((p) => p.id === person.pcnId)!.supervisor;
  return { person, owner: { id, pcnId: person.pcnId }, supervisor };
}

const change = fc.oneof(
  fc.record({
    kind: fc.constant("training" as const),
    who: fc.nat(),
    what: fc.nat(),
    status: fc.nat(),
    daysAgo: fc.nat(1200),
  }),
  fc.record({
    kind: fc.constant("updateTraining" as const),
    who: fc.nat(),
    which: fc.nat(),
    status: fc.nat(),
    daysAgo: fc.nat(1200),
  }),
  fc.record({ kind: fc.constant("verify" as const), who: fc.nat(), which: fc.nat() }),
  fc.record({ kind: fc.constant("meeting" as const), who: fc.nat(), daysAgo: fc.nat(200), confirmed: fc.boolean() }),
  fc.record({ kind: fc.constant("decide" as const), who: fc.nat(), confirm: fc.boolean() }),
  fc.record({ kind: fc.constant("signoff" as const), who: fc.nat(), competency: fc.nat(), withdraw: fc.boolean() }),
  fc.record({
    kind: fc.constant("cpd" as const),
    who: fc.nat(),
    daysAgo: fc.nat(500),
    quarters: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant("deleteCpd" as const), who: fc.nat(), which: fc.nat() }),
  fc.record({
    kind: fc.constant("updateCpd" as const),
    which: fc.nat(),
    daysAgo: fc.nat(500),
    quarters: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("teamTraining" as const),
    pcn: fc.nat(),
    what: fc.nat(),
    status: fc.nat(),
    daysAgo: fc.nat(1200),
  }),
  fc.record({
    kind: fc.constant("import" as const),
    rows: fc.array(fc.record({ who: fc.nat(), what: fc.nat(), daysAgo: fc.nat(1200) }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("localPeriod" as const),
    pcn: fc.nat(),
    what: fc.nat(),
    months: fc.integer({ min: 1, max: 60 }),
    remove: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("newStarter" as const), pcn: fc.nat(), role: fc.nat() }),
  fc.record({ kind: fc.constant("purge" as const), who: fc.nat() }),
  fc.record({ kind: fc.constant("jobRole" as const), who: fc.nat(), role: fc.nat() }),
  fc.record({ kind: fc.constant("move" as const), who: fc.nat(), pcn: fc.nat() }),
  fc.record({ kind: fc.constant("active" as const), who: fc.nat(), active: fc.boolean() }),
  fc.record({ kind: fc.constant("arrange" as const), who: fc.nat() }),
  fc.record({ kind: fc.constant("endArrangement" as const), who: fc.nat() }),
  fc.record({ kind: fc.constant("advance" as const), days: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant("ics" as const), pcn: fc.nat(), ics: fc.nat() }),
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

/** A CPD entry of this type, `daysAgo` days before today, of `quarters` quarter hours. */
const cpdInput = (type: "course" | "webinar", daysAgo: number, quarters: number) => ({
  activity: `A ${type}`,
  activityDate: addCalendarDays(T0, -daysAgo),
  hours: quarters / 4,
  type,
  provider: null,
  reflection: "What I learned.",
  competencyIds: [],
});

const trainingInput = (what: number, status: number, daysAgo: number) => {
  const s = pick(STATUSES, status);
  return {
    requirementId: pick(REQUIREMENTS, what),
    status: s,
    completedOn: s === "completed" ? addCalendarDays(T0, -daysAgo) : null,
    provider: null,
    attachmentId: null,
  };
};

async function apply(c: Change): Promise<void> {
  const db = getDb();
  if (c.kind === "advance") {
    today = addCalendarDays(today, c.days);
    return;
  }
  if (c.kind === "ics") {
    const pcn = (await getPcn(db, pick(world.pcns, c.pcn).id))!;
    const icsName = pick(["North ICS", "South ICS", "West ICS", null], c.ics);
    await updatePcn(db, pcn.id, { ...pcn, icsName }, { id: world.admin, ip: null });
    return;
  }
  if (c.kind === "teamTraining") {
    const { id: pcnId, supervisor } = pick(world.pcns, c.pcn);
    const owners = await db
      .selectFrom("users")
      .select(["id", "pcn_id as pcnId"])
      .where("pcn_id", "=", pcnId)
      .where("active", "=", 1)
      .where("job_role", "is not", null)
      .execute();
    const input = trainingInput(c.what, c.status, c.daysAgo);
    if (owners.length) await createTrainingRecords(db, owners, input, "2026.1", { id: supervisor, ip: null });
    return;
  }
  if (c.kind === "import") {
    await importTraining(c.rows);
    return;
  }
  if (c.kind === "localPeriod") {
    const pcnId = pick(world.pcns, c.pcn).id;
    const requirementId = pick(REQUIREMENTS, c.what);
    const admin = { id: world.admin, ip: null };
    if (c.remove) await removeLocalPeriod(db, pcnId, requirementId, admin);
    else await setLocalPeriod(db, pcnId, { requirementId, renewalMonths: c.months, reason: "Local policy" }, admin);
    return;
  }
  if (c.kind === "newStarter") {
    const n = (starters += 1);
    const input = {
      pcnId: pick(world.pcns, c.pcn).id,
      name: `New Starter ${n}`,
      email: `starter${n}@rollups.example`,
      jobRole: pick(ROLES, c.role),
      fte: 1,
      startDate: T0,
      roles: ["coordinator" as const],
    };
    world.staff.push(await createPerson(db, input, { id: world.admin, ip: null }));
    return;
  }
  if (c.kind === "purge") {
    // A leaver's records go (someone deactivated); never so many that too few people are left to change.
    const leavers = await db
      .selectFrom("users")
      .select("id")
      .where("id", "in", world.staff)
      .where("active", "=", 0)
      .orderBy("id")
      .execute();
    if (!leavers.length || world.staff.length <= 4) return;
    const leaver = pick(leavers, c.who).id;
    expect(await purgePerson(db, env().DATA_DIR, leaver, 0, { id: world.admin, ip: null })).not.toBeNull();
    world.staff = world.staff.filter((s) => s !== leaver);
    return;
  }
  if (c.kind === "updateCpd") {
    // Anyone's entry: few people have one at first.
    const entries = await db
      .selectFrom("cpd_entries as e")
      .innerJoin("users as u", "u.id", "e.user_id")
      .select(["e.id", "e.user_id", "u.pcn_id"])
      .where("e.user_id", "in", world.staff)
      .orderBy("e.id")
      .execute();
    if (!entries.length) return;
    const entry = pick(entries, c.which);
    const input = cpdInput("course", c.daysAgo, c.quarters);
    const owner = { id: entry.user_id, pcnId: entry.pcn_id };
    expect(await updateCpdEntry(db, owner, entry.id, input, "2026.1", { id: entry.user_id, ip: null })).toBe(true);
    return;
  }
  const id = pick(world.staff, c.who);
  const { person, owner, supervisor } = await ownerOf(id);
  const asOwner = { id, ip: null };
  const asSupervisor = { id: supervisor, ip: null };
  const records = () =>
    db.selectFrom("training_records").select(["id", "verified_at"]).where("user_id", "=", id).orderBy("id").execute();
  switch (c.kind) {
    case "training":
      await createTrainingRecord(db, owner, trainingInput(c.what, c.status, c.daysAgo), "2026.1", asOwner);
      return;
    case "updateTraining": {
      const all = await records();
      if (all.length) {
        const input = trainingInput(c.which, c.status, c.daysAgo);
        await updateTrainingRecord(db, owner, pick(all, c.which).id, input, "2026.1", asOwner);
      }
      return;
    }
    case "verify": {
      const unverified = (await records()).filter((r) => r.verified_at === null);
      if (unverified.length) {
        const request = { owner, id: pick(unverified, c.which).id };
        expect(await verifyTrainingRecords(db, [request], { method: "esr", note: null }, asSupervisor)).toEqual({
          ok: true,
        });
      }
      return;
    }
    case "meeting": {
      const input = {
        supervisorId: supervisor,
        metOn: addCalendarDays(T0, -c.daysAgo),
        minutes: 45,
        mode: "virtual" as const,
        topics: "Caseload",
        patientConcerns: false,
        safeguardingConcerns: false,
        actions: "None",
      };
      await recordMeeting(db, owner, input, c.confirmed ? asSupervisor : asOwner, c.confirmed);
      return;
    }
    case "decide": {
      const pending = await db
        .selectFrom("supervision_meetings")
        .select("id")
        .where("staff_id", "=", id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      const decision = c.confirm ? { decision: "confirm" as const } : { decision: "dispute" as const, reason: "No" };
      if (pending) await decideMeeting(db, owner, pending.id, decision, asSupervisor);
      return;
    }
    case "signoff":
      await recordSignoff(
        db,
        {
          userId: id,
          pcnId: person.pcnId,
          competencyId: pick(["pc-1", "pc-2"], c.competency),
          action: c.withdraw ? "withdraw" : "sign-off",
          comment: "Checked",
          frameworkVersion: "2026.1",
        },
        asSupervisor,
      );
      return;
    case "cpd": {
      await createCpdEntry(db, owner, cpdInput("webinar", c.daysAgo, c.quarters), "2026.1", asOwner);
      return;
    }
    case "deleteCpd": {
      const entries = await db.selectFrom("cpd_entries").select("id").where("user_id", "=", id).execute();
      if (entries.length) await deleteCpdEntry(db, owner, pick(entries, c.which).id, asOwner);
      return;
    }
    case "jobRole":
    case "move": {
      const pcnId = c.kind === "move" ? pick(world.pcns, c.pcn).id : person.pcnId;
      const jobRole = c.kind === "jobRole" ? pick(ROLES, c.role) : person.jobRole;
      await updatePerson(db, id, { ...person, pcnId, jobRole }, { id: world.admin, ip: null });
      return;
    }
    case "active":
      await setActive(db, id, c.active, { id: world.admin, ip: null });
      return;
    case "arrange": {
      const arrangement = { staffId: id, personId: supervisor, kind: "supervisor" as const, startedOn: T0 };
      await addArrangement(db, { ...arrangement, pcnId: person.pcnId }, { id: world.admin, ip: null });
      return;
    }
    case "endArrangement": {
      const open = await db
        .selectFrom("supervision_arrangements")
        .select("id")
        .where("staff_id", "=", id)
        .where("ended_on", "is", null)
        .executeTakeFirst();
      if (open) {
        const input = { staffId: id, arrangementId: open.id, endedOn: T0, pcnId: person.pcnId };
        await endArrangement(db, input, { id: world.admin, ip: null });
      }
      return;
    }
  }
}

let starters = 0;

/** A training import in the app's template, applied as a lead confirms its preview. */
async function importTraining(rows: readonly { who: number; what: number; daysAgo: number }[]): Promise<void> {
  const db = getDb();
  const lines = ["Email address,Staff number,Training,Completed on"];
  for (const row of rows) {
    const person = (await getPerson(db, pick(world.staff, row.who)))!;
    lines.push(`${person.email},,${pick(REQUIREMENTS, row.what)},${addCalendarDays(T0, -row.daysAgo)}`);
  }
  const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  const read = readImportFile(bytes);
  if (!read.ok) throw new Error(read.problem);
  const file = {
    layout: read.layout,
    fileName: "training.csv",
    sha256: createHash("sha256").update(bytes).digest("hex"),
    rows: read.rows,
  };
  const context = {
    scope: { kind: "all" as const },
    importer: { id: world.admin, ip: null },
    mayImportFor: () => true,
    findTraining: trainingFinder(getContent(), read.layout),
    today: T0,
    contentVersion: "2026.1",
  };
  const plan = await planTrainingImport(db, file, context);
  expect(await applyTrainingImport(db, file, context, planFingerprint(plan))).toMatchObject({ ok: true });
}

// ---- The recount ----

const withoutComputedOn = <R extends { computed_on: unknown }>({ computed_on: _, ...row }: R) => row;

type Recount = Awaited<ReturnType<typeof computeStandings>>;

/**
 * Figures per group (a PCN, or the nation and an ICS) added up here from recounted rows, not by the SQL or the
 * arithmetic the rollups use. A row counts in every group `groupsOf` names.
 */
function figuresOf(
  recount: Recount,
  groupsOf: (row: Recount[number]["row"]) => (string | number)[],
): Record<string, Figures> {
  const byPcn: Record<string, Figures> = {};
  for (const { row, requirementStates } of recount)
    for (const group of groupsOf(row)) {
      const f = (byPcn[group] ??= emptyFigures());
      f.staff += 1;
      f.ready += Number(row.readiness === "ready");
      f.pendingVerification += Number(row.readiness === "pending-verification");
      f.supervisionOverdue += Number(row.supervision_state === "overdue");
      f.supervisionDueSoon += Number(row.supervision_state === "due-soon");
      f.noSupervisor += Number(row.supervision_state === "no-supervisor");
      f.trainingExpired += row.training_expired;
      f.trainingExpiring += row.training_expiring;
      f.trainingMissing += row.training_missing;
      f.cpdHours += row.cpd_hours;
      for (const [id, state] of Object.entries(requirementStates)) {
        const counts = (f.requirements[id] ??= {});
        counts[state] = (counts[state] ?? 0) + 1;
      }
    }
  return byPcn;
}

/** The appraisal year `day` falls in, worked out here from the setting. */
function appraisalYear(day: string): { start: string; end: string } {
  const month = String(env().APPRAISAL_YEAR_START_MONTH).padStart(2, "0");
  const year = Number(day.slice(0, 4)) - (day.slice(5, 7) < month ? 1 : 0);
  return { start: `${year}-${month}-01`, end: addCalendarDays(`${year + 1}-${month}-01`, -1) };
}

type StoredStanding = { user_id: number; pcn_id: number | null; job_role: string; name: string } & Record<
  "cpd_hours" | "signed_off" | "training_missing",
  number
> & { supervision_state: string };

/**
 * What can be counted without the rules the upkeep shares with the recount (computeStandings), with the test's own
 * SQL: who is staff, their CPD hours this appraisal year, competencies whose latest decision is a sign-off, required
 * training with no record at all, and whether anyone supervises them.
 */
async function expectOwnCounts(stored: readonly StoredStanding[], day: string): Promise<void> {
  const db = getDb();
  const staff = await sql<{ id: number; pcn_id: number | null; job_role: string; name: string }>`
    select id, pcn_id, job_role, name from users where active = 1 and job_role is not null order by id`.execute(db);
  expect(stored.map((s) => [s.user_id, s.pcn_id, s.job_role, s.name])).toEqual(
    staff.rows.map((r) => [Number(r.id), r.pcn_id === null ? null : Number(r.pcn_id), r.job_role, r.name]),
  );
  const year = appraisalYear(day);
  const hours = await sql<{ user_id: number; hours: number }>`
    select user_id, sum(hours) as hours from cpd_entries
    where activity_date >= ${year.start} and activity_date <= ${year.end} group by user_id`.execute(db);
  const hoursOf = new Map(hours.rows.map((r) => [Number(r.user_id), Number(r.hours)]));
  const competencies = getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id));
  const signed = await sql<{ user_id: number; n: number }>`
    select s.user_id, count(*) as n from competency_signoffs s
    where s.action = 'sign-off' and s.competency_id in (${sql.join(competencies)})
      and s.id = (select max(l.id) from competency_signoffs l where l.user_id = s.user_id and l.competency_id = s.competency_id)
    group by s.user_id`.execute(db);
  const signedOf = new Map(signed.rows.map((r) => [Number(r.user_id), Number(r.n)]));
  const records = await sql<{ user_id: number; requirement_id: string }>`
    select distinct user_id, requirement_id from training_records`.execute(db);
  const recorded = new Set(records.rows.map((r) => `${Number(r.user_id)} ${r.requirement_id}`));
  const arrangements = await sql<{ staff_id: number }>`
    select distinct staff_id from supervision_arrangements where kind = 'supervisor' and ended_on is null`.execute(db);
  const supervised = new Set(arrangements.rows.map((r) => Number(r.staff_id)));
  const required = new Map(
    getContent().roles.roles.map((r) => [r.id, r.requirements.filter((id) => REQUIREMENTS.includes(id))]),
  );
  const own = (s: StoredStanding) => ({
    id: s.user_id,
    cpdHours: s.cpd_hours,
    signedOff: s.signed_off,
    missing: s.training_missing,
    noSupervisor: s.supervision_state === "no-supervisor",
  });
  expect(stored.map(own)).toEqual(
    stored.map((s) => ({
      id: s.user_id,
      cpdHours: hoursOf.get(s.user_id) ?? 0,
      signedOff: signedOf.get(s.user_id) ?? 0,
      missing: required.get(s.job_role)!.filter((id) => !recorded.has(`${s.user_id} ${id}`)).length,
      noSupervisor: !supervised.has(s.user_id),
    })),
  );
}

async function expectRollupsMatchRecount(day: string): Promise<void> {
  const db = getDb();
  await refreshStaleStandings(db, (eb) => eb.lit(true), day);
  const everyone = (await db.selectFrom("users").select("id").execute()).map((u) => u.id);
  const recount = await computeStandings(db, everyone, day);

  const stored = await db.selectFrom("person_standings").selectAll().orderBy("user_id").execute();
  await expectOwnCounts(stored, day);
  expect(stored.map(withoutComputedOn)).toEqual(recount.map((c) => withoutComputedOn(c.row)));
  const states = await db
    .selectFrom("person_requirement_states")
    .selectAll()
    .orderBy("user_id")
    .orderBy("requirement_id")
    .execute();
  const expectedStates = recount.flatMap((c) =>
    Object.entries(c.requirementStates)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([requirement_id, state]) => ({
        user_id: c.row.user_id,
        requirement_id,
        state,
        expires_on: c.requirementExpiries[requirement_id] ?? null,
      })),
  );
  expect(states).toEqual(expectedStates);

  const pcnRows = await db.selectFrom("pcn_standings").selectAll().execute();
  expect(Object.fromEntries(pcnRows.map((r) => [r.pcn_key, JSON.parse(r.figures_json)]))).toEqual(
    figuresOf(recount, (row) => [row.pcn_id ?? 0]),
  );

  // The nation's and each ICS's totals, by the PCNs' ICS as it is now.
  const icsOf = new Map(
    (await db.selectFrom("pcns").select(["id", "ics_name"]).execute()).map((p) => [p.id, p.ics_name]),
  );
  const totals = await db.selectFrom("scope_standings").selectAll().execute();
  expect(Object.fromEntries(totals.map((r) => [r.scope, JSON.parse(r.figures_json)]))).toEqual(
    figuresOf(recount, (row) => {
      const ics = icsOf.get(row.pcn_id ?? 0);
      return ["all", ...(ics ? [`ics:${ics}`] : [])];
    }),
  );

  // The forecasts' days: each required training's expiry, counted in the nation's and its PCN's ICS's.
  const expiryCounts: Record<string, number> = {};
  for (const c of recount)
    for (const [requirementId, expiresOn] of Object.entries(c.requirementExpiries)) {
      if (expiresOn === null) continue;
      const ics = icsOf.get(c.row.pcn_id ?? 0);
      for (const scope of ["all", ...(ics ? [`ics:${ics}`] : [])]) {
        const key = `${scope} ${expiresOn} ${requirementId}`;
        expiryCounts[key] = (expiryCounts[key] ?? 0) + 1;
      }
    }
  const storedExpiries = await db.selectFrom("scope_expiries").selectAll().execute();
  expect(
    Object.fromEntries(storedExpiries.map((e) => [`${e.scope} ${e.expires_on} ${e.requirement_id}`, Number(e.people)])),
  ).toEqual(expiryCounts);

  // And readiness as the per-request service works it out from the records, a separate path to the same rules.
  const staff = stored.map((s) => ({ id: s.user_id, name: s.name, jobRole: s.job_role }));
  const live = await readinessFor(db, staff, day);
  expect(stored.map((s) => [s.readiness, JSON.parse(s.blockers_json), JSON.parse(s.awaiting_json)])).toEqual(
    live.map((r) => [r.state, r.blockers, r.awaitingVerification]),
  );
}

describe("rollups equal a full recount", () => {
  it("after every change made through the models, as time passes, and after a rebuild", async () => {
    await expectRollupsMatchRecount(today);
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), async (changes) => {
        for (const c of changes) {
          try {
            await apply(c);
          } catch (error) {
            // A change the rules refuse (a meeting with nobody designated, say) changes nothing.
            if (!(error instanceof RuleError)) throw error;
          }
          await expectRollupsMatchRecount(today);
        }
        await rebuildRollups(getDb(), today);
        await expectRollupsMatchRecount(today);
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);
});
