/**
 * The national-size data set (npm run seed:scale), built small: counts in proportion to the scale, the bench
 * accounts, the invariants the app relies on (checked in plain SQL, not through the models), every state present,
 * and pages that render on it.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type RawBuilder, sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { fillAuditPeople } from "../../db/audit-subjects";
import { getContent } from "~/content/index.server";
import { todayInLondon, trainingState } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { attemptSignIn } from "~/models/credentials.server";
import * as home from "~/routes/_index";
import * as audit from "~/routes/audit";
import * as readinessApi from "~/routes/api.readiness";
import * as dashboard from "~/routes/dashboard";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as review from "~/routes/review";
import { FLOORS } from "../../scripts/lib/bench/floors";
import { openSqliteRaw, type Row } from "../../scripts/lib/bench/raw-db";
import { findSubjects } from "../../scripts/lib/bench/subjects";
import { NATIONAL } from "../../scripts/lib/scale/plan";
import { Progress } from "../../scripts/lib/scale/progress";
import { BENCH_EMAILS, BENCH_PASSWORD } from "../../scripts/lib/scale/roster";
import { type ScaleSummary, seedScale } from "../../scripts/lib/scale/seed";
import { describeOnSqliteFile } from "./database-kind";
import { cookieFor, load } from "./harness";
import { testTempDir } from "../support/temp-dir";

const SCALE = 0.005;
let summary: ScaleSummary;

const rows = async <T>(query: RawBuilder<T>) => (await query.execute(getDb())).rows;
const count = async (query: RawBuilder<unknown>) => Number(((await rows(query)) as { n: number }[])[0]!.n);
const idOf = async (email: string) =>
  (await getDb().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describeOnSqliteFile("scale seed", () => {
  beforeAll(async () => {
    // Into this test file's own database, before anything opens it.
    summary = await seedScale({
      scale: SCALE,
      file: process.env.DATABASE_PATH!,
      force: true,
      seed: 7,
      progress: new Progress(() => {}),
    });
  }, 60_000);

  it("refuses to overwrite a database unless forced", async () => {
    await expect(
      seedScale({ scale: SCALE, file: summary.file, force: false, seed: 7, progress: new Progress(() => {}) }),
    ).rejects.toThrow(/already exists/);
    expect(fs.existsSync(summary.file)).toBe(true);
  });

  it("makes the same data set from the same --seed, and another from another", async () => {
    const dir = testTempDir("care-portfolio-scale-");
    const people = async (seed: number, name: string) => {
      const file = path.join(dir, name);
      await seedScale({ scale: 0.001, file, force: false, seed, progress: new Progress(() => {}) });
      const db = new Database(file, { readonly: true });
      const rows = db.prepare("select name, email, job_role, start_date from users order by id").all();
      const evidence = db.prepare("select owner_id, status, current_version from evidence_items order by id").all();
      db.close();
      return { rows, evidence };
    };
    try {
      const first = await people(11, "a.sqlite");
      expect(await people(11, "b.sqlite")).toEqual(first);
      expect(await people(12, "c.sqlite")).not.toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Three whole seeds, each with its migrations: as long as the first one's beforeAll on a busy machine.
  }, 60_000);

  it("makes every count the scale asks for, and those that follow from the records in proportion", () => {
    const c = summary.counts;
    const exactly = (national: number) => Math.round(national * SCALE);
    expect(c.pcns).toBe(exactly(NATIONAL.pcns));
    expect(c.users).toBe(exactly(NATIONAL.people));
    expect(c.evidence_items).toBe(exactly(NATIONAL.evidenceItems));
    expect(c.cpd_entries).toBe(exactly(NATIONAL.cpdEntries));
    expect(c.training_records).toBe(exactly(NATIONAL.trainingRecords));
    const about = (actual: number | undefined, national: number, tolerance: number) => {
      expect(actual).toBeGreaterThan(national * SCALE * (1 - tolerance));
      expect(actual).toBeLessThan(national * SCALE * (1 + tolerance));
    };
    about(c.evidence_versions, NATIONAL.evidenceVersions, 0.1);
    about(c.evidence_version_competencies, NATIONAL.evidenceCompetencies, 0.15);
    about(c.supervision_meetings, NATIONAL.supervisionMeetings, 0.2);
    about(c.audit_log, NATIONAL.auditRows, 0.25);
    expect(summary.bytes).toBeGreaterThan(0);
  });

  it("creates the bench accounts: a big portfolio, its supervisor, their lead and an administrator", async () => {
    for (const email of Object.values(BENCH_EMAILS)) {
      const signIn = await attemptSignIn(getDb(), { email, password: BENCH_PASSWORD, ip: "203.0.113.9" });
      expect(signIn.ok, email).toBe(true);
    }
    const [coordinator, supervisor, lead, admin] = await Promise.all(
      [BENCH_EMAILS.coordinator, BENCH_EMAILS.supervisor, BENCH_EMAILS.lead, BENCH_EMAILS.admin].map(idOf),
    );
    const roles = await rows(sql<{ user_id: number; role: string; pcn_id: number | null }>`
      select r.user_id, r.role, u.pcn_id from user_roles r join users u on u.id = r.user_id
      where r.user_id in (${coordinator}, ${supervisor}, ${lead}, ${admin}) order by r.user_id`);
    expect(roles.map((r) => r.role)).toEqual(["admin", "lead", "supervisor", "coordinator"]);
    expect(roles[0]!.pcn_id).toBeNull();
    expect(new Set(roles.slice(1).map((r) => r.pcn_id)).size).toBe(1);
    expect(
      await count(sql`select count(*) as n from supervision_arrangements
        where staff_id = ${coordinator} and person_id = ${supervisor} and kind = 'supervisor' and ended_on is null`),
    ).toBe(1);
    const biggest = await rows(sql<{ owner_id: number }>`
      select owner_id from evidence_items group by owner_id order by count(*) desc limit 1`);
    expect(biggest[0]!.owner_id).toBe(coordinator);
  });

  it("leaves no reference dangling (the load writes with SQLite's reference checks off)", () => {
    const db = new Database(summary.file, { readonly: true });
    try {
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("leaves no orphans: versions, links and reviews belong to real records, versions run 1..current", async () => {
    expect(
      await count(sql`select count(*) as n from evidence_items e
      where (select count(*) from evidence_versions v where v.evidence_id = e.id) != e.current_version
         or (select max(version) from evidence_versions v where v.evidence_id = e.id) != e.current_version`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from evidence_version_competencies c
      left join evidence_versions v on v.id = c.version_id where v.id is null`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from evidence_reviews r
      where not exists (select 1 from evidence_versions v where v.evidence_id = r.evidence_id and v.version = r.version)`),
    ).toBe(0);
    const competencies = new Set(getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id)));
    const linked = await rows(sql<{ competency_id: string }>`
      select distinct competency_id from evidence_version_competencies
      union select distinct competency_id from cpd_entry_competencies
      union select distinct competency_id from competency_signoffs`);
    expect(linked.filter((l) => !competencies.has(l.competency_id))).toEqual([]);
  });

  it("gives each item the status its last review left it in", async () => {
    const last = sql`(select r.action || ':' || (r.version = e.current_version) from evidence_reviews r
      where r.evidence_id = e.id order by r.id desc limit 1)`;
    const wrong = await rows(sql<{ id: number; status: string; last: string | null }>`
      select e.id, e.status, ${last} as last from evidence_items e
      where not (
        (e.status = 'accepted' and ${last} = 'accept:1')
        or (e.status = 'submitted' and ${last} = 'submit:1')
        or (e.status = 'returned' and ${last} like 'return:%')
        or (e.status = 'draft' and (${last} is null or ${last} in ('withdraw:1', 'accept:0')))
      )`);
    expect(wrong).toEqual([]);
  });

  it("has reviews, sign-offs, meetings and verifications only by people allowed to make them", async () => {
    const supervises = (
      who: string,
      staff: string,
      when: string,
    ) => sql`exists (select 1 from supervision_arrangements a
      where a.staff_id = ${sql.raw(staff)} and a.person_id = ${sql.raw(who)} and a.kind = 'supervisor'
      and a.started_on <= substr(${sql.raw(when)}, 1, 10) and (a.ended_on is null or a.ended_on >= substr(${sql.raw(when)}, 1, 10)))`;
    expect(
      await count(sql`select count(*) as n from evidence_reviews r join evidence_items e on e.id = r.evidence_id
      where (r.action in ('submit', 'withdraw') and r.actor_id != e.owner_id)
         or (r.action in ('return', 'accept') and not ${supervises("r.actor_id", "e.owner_id", "r.at")})`),
    ).toBe(0);
    // A sign-off needs evidence for that competency accepted before it; a withdrawal needs a sign-off before it.
    expect(
      await count(sql`select count(*) as n from competency_signoffs s
      where (s.action = 'sign-off' and not exists (select 1 from evidence_reviews r
          join evidence_items e on e.id = r.evidence_id
          join evidence_versions v on v.evidence_id = r.evidence_id and v.version = r.version
          join evidence_version_competencies c on c.version_id = v.id
          where e.owner_id = s.user_id and r.action = 'accept' and c.competency_id = s.competency_id and r.at < s.at))
        or (s.action = 'withdraw' and (select p.action from competency_signoffs p where p.user_id = s.user_id
          and p.competency_id = s.competency_id and p.id < s.id order by p.id desc limit 1) is not 'sign-off')
        or not ${supervises("s.actor_id", "s.user_id", "s.at")}`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from supervision_meetings m
      where not ${supervises("m.supervisor_id", "m.staff_id", "m.met_on")}
         or (m.status = 'pending') != (m.decided_at is null)
         or (m.status = 'disputed') != (m.dispute_reason is not null)
         or m.recorded_by not in (m.staff_id, m.supervisor_id)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from training_records
      where verified_by = user_id or verified_at < created_at or (verified_at is null) != (verification_method is null)
         or (status = 'completed') != (completed_on is not null)`),
    ).toBe(0);
  });

  it("writes an audit trail that names real records and runs in time order", async () => {
    expect(
      await count(sql`select count(*) as n from audit_log a where case a.entity
      when 'pcn' then not exists (select 1 from pcns where id = cast(a.entity_id as integer))
      when 'user' then not exists (select 1 from users where id = cast(a.entity_id as integer))
      when 'supervision_arrangement' then not exists (select 1 from supervision_arrangements where id = cast(a.entity_id as integer))
      when 'evidence' then not exists (select 1 from evidence_items where id = cast(a.entity_id as integer))
      when 'competency' then not exists (select 1 from competency_signoffs s
        where s.user_id || ':' || s.competency_id = a.entity_id)
      when 'training' then not exists (select 1 from training_records where id = cast(a.entity_id as integer))
      when 'cpd' then not exists (select 1 from cpd_entries where id = cast(a.entity_id as integer))
      when 'supervision_meeting' then not exists (select 1 from supervision_meetings where id = cast(a.entity_id as integer))
      else 1 end`),
    ).toBe(0);
    // One create row per record, as the models write.
    for (const [entity, table] of [
      ["evidence", "evidence_items"],
      ["training", "training_records"],
      ["cpd", "cpd_entries"],
      ["supervision_meeting", "supervision_meetings"],
      ["user", "users"],
    ] as const) {
      expect(
        await count(sql`select count(*) as n from audit_log where entity = ${entity} and action = 'create'`),
        entity,
      ).toBe(summary.counts[table]);
    }
    expect(
      await count(sql`select count(*) as n from (select at, lag(at) over (order by id) as before from audit_log)
      where before > at`),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from audit_log where at > ${new Date().toISOString()}`)).toBe(0);
    // Every timestamp is the ISO text the app writes (the load formats its own, faster than a Date per row).
    expect(
      await count(sql`select count(*) as n from audit_log where at is not strftime('%Y-%m-%dT%H:%M:%fZ', at)`),
    ).toBe(0);
  });

  it("builds what the app keeps beside the records: who each audit entry concerns, and everyone's standing", async () => {
    expect(
      await count(sql`select count(*) as n from audit_log a where a.actor_id is not null and not exists
      (select 1 from audit_people p where p.audit_id = a.id and p.person_id = a.actor_id)`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from users u where u.active = 1 and u.job_role is not null and not exists
      (select 1 from person_standings s where s.user_id = u.id)`),
    ).toBe(0);
  });

  it("indexes the people each audit entry concerns exactly as the app's own fill of audit_people would", async () => {
    const people = () =>
      rows(sql<{ person_id: number; at: string; audit_id: number }>`
        select person_id, at, audit_id from audit_people order by person_id, at, audit_id`);
    const seeded = await people();
    expect(seeded.length).toBeGreaterThan(summary.counts.audit_log!);
    await sql`delete from audit_people`.execute(getDb());
    await fillAuditPeople(getDb());
    expect(await people()).toEqual(seeded);
  });

  it("spreads every state: evidence, training, supervision, leavers and people nobody supervises", async () => {
    const distinct = async (query: RawBuilder<{ v: string }>) => (await rows(query)).map((r) => r.v).sort();
    expect(await distinct(sql`select distinct status as v from evidence_items`)).toEqual([
      "accepted",
      "draft",
      "returned",
      "submitted",
    ]);
    expect(await distinct(sql`select distinct status as v from supervision_meetings`)).toEqual([
      "confirmed",
      "disputed",
      "pending",
    ]);
    expect(await distinct(sql`select distinct action as v from competency_signoffs`)).toEqual(["sign-off", "withdraw"]);

    const content = getContent();
    const renewal = new Map(content.trainingRequirements.requirements.map((r) => [r.id, r.renewalMonths]));
    const today = todayInLondon(new Date());
    const records = await getDb()
      .selectFrom("training_records")
      .select(["requirement_id", "status", "completed_on", "verified_at"])
      .execute();
    const states = new Set(
      records.map((r) =>
        trainingState(
          { status: r.status, completedOn: r.completed_on, renewalMonths: renewal.get(r.requirement_id) ?? null },
          today,
        ),
      ),
    );
    expect([...states].sort()).toEqual(["expired", "expiring-soon", "in-progress", "valid"]);
    expect(new Set(records.map((r) => r.verified_at !== null))).toEqual(new Set([true, false]));
    // Missing: someone has no record at all for a requirement of their role.
    const staff = await getDb()
      .selectFrom("users")
      .select(["id", "job_role"])
      .where("job_role", "is not", null)
      .execute();
    const held = await rows(sql<{ user_id: number; requirement_id: string }>`
      select distinct user_id, requirement_id from training_records`);
    const missing = staff.filter((s) =>
      content.roles.roles
        .find((r) => r.id === s.job_role)!
        .requirements.some((id) => !held.some((h) => h.user_id === s.id && h.requirement_id === id)),
    );
    expect(missing.length).toBeGreaterThan(0);

    expect(
      await count(sql`select count(*) as n from users where active = 0 and deactivated_at is not null`),
    ).toBeGreaterThan(0);
    expect(
      await count(sql`select count(*) as n from users u where u.job_role is not null and not exists (
      select 1 from supervision_arrangements a where a.staff_id = u.id and a.kind = 'supervisor' and a.ended_on is null)`),
    ).toBeGreaterThan(0);
  });

  it("renders the pages the bench measures, as the bench accounts", async () => {
    const coordinator = await idOf(BENCH_EMAILS.coordinator);
    const as = async (email: string) => cookieFor(await idOf(email));
    const pages = [
      ["coordinator home", home.loader, "/", BENCH_EMAILS.coordinator, {}],
      [
        "evidence list",
        evidenceList.loader,
        `/people/${coordinator}/evidence`,
        BENCH_EMAILS.coordinator,
        { personId: String(coordinator) },
      ],
      ["review queue", review.loader, "/review", BENCH_EMAILS.supervisor, {}],
      ["supervisor home", home.loader, "/", BENCH_EMAILS.supervisor, {}],
      ["lead dashboard", dashboard.loader, "/dashboard", BENCH_EMAILS.lead, {}],
      ["admin dashboard", dashboard.loader, "/dashboard", BENCH_EMAILS.admin, {}],
      ["audit, first page", audit.loader, "/audit", BENCH_EMAILS.admin, {}],
    ] as const;
    for (const [name, loader, path, email, params] of pages) {
      const outcome = await load(loader, path, { cookie: await as(email), params });
      expect(outcome.status, name).toBe(200);
    }

    // The trail pages by keyset: a deep page is reached as a person reaches it, by following each page's "Older
    // entries" cursor, 19 times.
    const admin = await as(BENCH_EMAILS.admin);
    const first = await load(audit.loader, "/audit", { cookie: admin });
    let deep = first;
    for (let page = 2; page <= 20; page++) {
      expect(deep.data.olderThan, `an "Older entries" link on page ${page - 1}`).not.toBeNull();
      deep = await load(audit.loader, `/audit?older=${deep.data.olderThan}`, { cookie: admin });
      expect(deep.status, `audit, page ${page}`).toBe(200);
    }
    type Entry = { id: number; at: string };
    const [newest, deepest] = [first.data.entries as Entry[], deep.data.entries as Entry[]];
    expect(deepest).toHaveLength(50);
    // 19 pages of 50 lie between the first page's last entry and the deep page's first.
    expect(deepest[0]!.at <= newest.at(-1)!.at).toBe(true);
    expect(deepest.some((e) => newest.some((n) => n.id === e.id))).toBe(false);
    expect(deep.data.newerThan).toBe(deepest[0]!.id);
  });

  it("gives the bench's floors the rows its pages list, in the pages' order", async () => {
    const raw = openSqliteRaw(summary.file);
    try {
      const subjects = await findSubjects(raw);
      const admin = cookieFor(subjects.admin.id);
      const lead = cookieFor(subjects.lead.id);
      const ics = new URLSearchParams({ ics: subjects.lead.icsName! });
      type Listed = { id?: number; personId?: number };
      const ids = (listed: Listed[]) => listed.map((r) => r.id ?? r.personId);
      // Each page is loaded first: a page refreshes stale standings before it reads them.
      const pairs = [
        ["admin dashboard", dashboard.loader, "/dashboard", admin, "rows", FLOORS.adminDashboard, "user_id"],
        ["ICS dashboard", dashboard.loader, `/dashboard?${ics}`, admin, "rows", FLOORS.icsDashboard, "user_id"],
        ["lead dashboard", dashboard.loader, "/dashboard", lead, "rows", FLOORS.leadDashboard, "user_id"],
        ["admin readiness", readinessApi.loader, "/api/readiness", admin, "people", FLOORS.adminReadiness, "user_id"],
        ["lead readiness", readinessApi.loader, "/api/readiness", lead, "people", FLOORS.leadReadiness, "user_id"],
        ["audit", audit.loader, "/audit", admin, "entries", FLOORS.auditFirst, "id"],
        ["audit, filtered", audit.loader, "/audit?entity=training", admin, "entries", FLOORS.auditFiltered, "id"],
      ] as const;
      for (const [name, loader, path, cookie, list, floor, key] of pairs) {
        const shown = ids((await load(loader, path, { cookie: await cookie })).data[list] as Listed[]);
        const read = (await floor(raw, subjects)).map((r: Row) => Number(r[key]));
        expect(shown.length, name).toBeGreaterThan(1);
        // A floor reads one row more where the page does, to know whether a next page follows.
        expect(read.slice(0, shown.length), name).toEqual(shown);
      }
      const first = await load(audit.loader, "/audit", { cookie: await admin });
      subjects.auditDeepOlderThan = first.data.olderThan;
      const older = await load(audit.loader, `/audit?older=${first.data.olderThan}`, { cookie: await admin });
      const read = (await FLOORS.auditDeep(raw, subjects)).map((r) => Number(r.id));
      expect(read.slice(0, 50)).toEqual(ids(older.data.entries as Listed[]));
    } finally {
      await raw.close();
    }
  });
});
