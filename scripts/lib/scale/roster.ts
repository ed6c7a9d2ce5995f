/**
 * Who is in the national data set: PCNs grouped into integrated care systems, their leads, supervisors and staff,
 * and how many records each member of staff keeps. Held in memory (about 12,000 people at scale 1) so the totals
 * the scale asks for can be shared out exactly; the records themselves are generated and written one person at a
 * time.
 */
import type { AppRole } from "../../../db/schema";
import type { Content } from "~/content/index.server";
import { expectedIntervalDays } from "~/domain/supervision-cadence";
import type { PersonOverrides } from "../factories";
import { type Clock, DAY_MS, HISTORY_DAYS } from "./clock";
import { FIRST_NAMES, LAST_NAMES, icsName, pcnName } from "./names";
import type { ScalePlan } from "./plan";
import { apportion, type Random } from "./random";

/** The fixed accounts the bench signs in as (docs: issue 12); every account shares their password. */
export const BENCH_PASSWORD = "bench-portfolio-2026";
export const BENCH_EMAILS = {
  coordinator: "bench.coordinator@scale.example",
  supervisor: "bench.supervisor@scale.example",
  lead: "bench.lead@scale.example",
  admin: "bench.admin@scale.example",
} as const;
/** The bench lead's PCN has about this many staff, and the bench supervisor supervises about eight of them. */
const BENCH_PCN_STAFF = 10;
const BENCH_SUPERVISEES = 8;
/** The bench coordinator keeps one of the biggest portfolios: about 450 items this appraisal year at scale 1. */
const BENCH_EVIDENCE_ITEMS = 600;
/** At small scales the bench coordinator keeps this share of all evidence instead, so theirs is still the biggest. */
const BENCH_EVIDENCE_SHARE = 0.1;
/** Of the bench coordinator's items, the share dated this appraisal year on purpose (the rest fall anywhere). */
export const BENCH_SHARE_THIS_YEAR = 0.62;
/** One member of staff in this many has left (deactivated), and one in this many has nobody supervising them now. */
const LEAVER_EVERY = 40;
const UNSUPERVISED_EVERY = 33;

const JOB_ROLES = { "care-coordinator": 55, "health-and-wellbeing-coach": 20, "social-prescribing-link-worker": 25 };
const FTES = [1, 1, 1, 1, 0.8, 0.8, 0.6, 0.5, 0.4];

export interface RosterPcn {
  id: number;
  name: string;
  odsCode: string;
  icsName: string;
  createdMs: number;
  leadId: number;
}

/** A person as the factories describe one, with days as numbers and what the load needs besides. */
export interface RosterPerson extends Pick<PersonOverrides, "pcnId" | "name" | "email" | "roles" | "jobRole" | "fte"> {
  id: number;
  startDay: number | null;
  createdMs: number;
  /** Set for leavers: their account is deactivated and their records stop here. */
  deactivatedDay: number | null;
}

export type SupervisionScenario = "ok" | "due-soon" | "overdue";

export interface RosterStaff extends RosterPerson {
  pcnId: number;
  jobRole: string;
  fte: number;
  startDay: number;
  leadId: number;
  /** Their designated supervisor: now, or until `supervisorEndDay` when that arrangement has ended. */
  supervisorId: number;
  supervisorName: string;
  /** Set when their supervisor arrangement ended and nobody supervises them now. */
  supervisorEndDay: number | null;
  /** The days their records are dated within. */
  from: number;
  to: number;
  supervision: SupervisionScenario;
  /** The bench coordinator: most of their evidence falls in this appraisal year. */
  busyThisYear: boolean;
  quota: { evidence: number; cpd: number; training: number; meetings: number };
}

export interface Roster {
  pcns: RosterPcn[];
  /** Administrators, leads and supervisors: everyone who keeps no portfolio. */
  others: RosterPerson[];
  staff: RosterStaff[];
  benchAdminId: number;
}

interface Draft extends Omit<RosterStaff, "quota"> {
  weight: { evidence: number; cpd: number; training: number; meetings: number };
}

export function buildRoster(plan: ScalePlan, content: Content, clock: Clock, random: Random): Roster {
  let nextId = 0;
  const person = (fields: Omit<RosterPerson, "id" | "name" | "email"> & { email?: string }): RosterPerson => {
    const id = ++nextId;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const email = fields.email ?? `${first}.${last}.${id}@scale.example`.toLowerCase();
    return { id, name: `${first} ${last}`, ...fields, email };
  };
  const deploymentDay = clock.historyStart - 30;
  const others: RosterPerson[] = [];
  // Administrators set the deployment up before the first PCN joined.
  const adminsCreatedMs = (deploymentDay - 120) * DAY_MS + 9 * 3_600_000;
  const admin = (email?: string) =>
    person({
      pcnId: null,
      roles: ["admin"],
      jobRole: null,
      fte: null,
      startDay: null,
      createdMs: adminsCreatedMs,
      deactivatedDay: null,
      email,
    });
  const benchAdmin = admin(BENCH_EMAILS.admin);
  others.push(benchAdmin);
  for (let n = 1; n < plan.admins; n += 1) others.push(admin());

  const staffPerPcn = teamSizes(plan, random);
  const supervisorsPerPcn = supervisorCounts(plan, staffPerPcn);
  const pcns: RosterPcn[] = [];
  const drafts: Draft[] = [];
  for (let p = 0; p < plan.pcns; p += 1) {
    const bench = p === 0;
    const pcnId = p + 1;
    const createdMs = (deploymentDay - random.int(0, 60)) * DAY_MS + random.int(9, 17) * 3_600_000;
    const colleague = (roles: AppRole[], email?: string) =>
      person({
        pcnId,
        roles,
        jobRole: null,
        fte: 1,
        startDay: clock.historyStart - random.int(200, 2000),
        createdMs,
        deactivatedDay: null,
        email,
      });
    const lead = colleague(["lead"], bench ? BENCH_EMAILS.lead : undefined);
    const supervisors = Array.from({ length: supervisorsPerPcn[p]! }, (_, s) =>
      colleague(["supervisor"], bench && s === 0 ? BENCH_EMAILS.supervisor : undefined),
    );
    others.push(lead, ...supervisors);
    pcns.push({
      id: pcnId,
      name: pcnName(p),
      odsCode: `U${String(10_000 + p)}`,
      icsName: icsName(Math.floor((p * plan.icss) / plan.pcns)),
      createdMs,
      leadId: lead.id,
    });
    for (let s = 0; s < staffPerPcn[p]!; s += 1) {
      const supervisor = bench
        ? supervisors[s < BENCH_SUPERVISEES ? 0 : 1 % supervisors.length]!
        : supervisors[s % supervisors.length]!;
      drafts.push(staffMember(bench && s === 0, pcnId, lead.id, supervisor));
    }
  }
  return { pcns, others, staff: withQuotas(drafts, plan), benchAdminId: benchAdmin.id };

  function staffMember(benchCoordinator: boolean, pcnId: number, leadId: number, supervisor: RosterPerson): Draft {
    const n = drafts.length;
    // Leavers and people nobody supervises now come at fixed intervals, so even a small data set has some.
    const leaver = !benchCoordinator && n % LEAVER_EVERY === LEAVER_EVERY - 1;
    const unsupervised = !benchCoordinator && n % UNSUPERVISED_EVERY === UNSUPERVISED_EVERY - 1;
    const startDay = benchCoordinator
      ? clock.today - 2 * 365
      : startDayFor(clock, random, leaver || unsupervised ? "longServing" : undefined);
    const from = Math.max(startDay, clock.historyStart);
    const deactivatedDay = leaver ? random.int(from + 120, clock.today - 5) : null;
    const to = deactivatedDay ?? clock.today;
    const supervisorEndDay = unsupervised ? random.int(clock.today - 150, clock.today - 15) : null;
    const jobRole = benchCoordinator ? "care-coordinator" : random.weighted(JOB_ROLES);
    const fte = benchCoordinator ? 1 : random.pick(FTES);
    const base = person({
      pcnId,
      roles: ["coordinator"],
      jobRole,
      fte,
      startDay,
      createdMs: Math.max(startDay, deploymentDay) * DAY_MS + random.int(9, 17) * 3_600_000,
      deactivatedDay,
      email: benchCoordinator ? BENCH_EMAILS.coordinator : undefined,
    });
    const span = to - from + 1;
    const supervised = Math.max(0, (supervisorEndDay ?? to) - from);
    const role = content.roles.roles.find((r) => r.id === jobRole)!;
    return {
      ...base,
      pcnId,
      jobRole,
      fte,
      startDay,
      leadId,
      supervisorId: supervisor.id,
      supervisorName: supervisor.name,
      supervisorEndDay,
      from,
      to,
      supervision: benchCoordinator ? "ok" : random.weighted({ ok: 75, "due-soon": 10, overdue: 15 }),
      busyThisYear: benchCoordinator,
      weight: {
        evidence: benchCoordinator ? 0 : Math.min(12, random.logNormal(1)) * span,
        cpd: Math.min(8, random.logNormal(0.7)) * span,
        training: (role.requirements.length + role.recommended.length) * (0.4 + span / HISTORY_DAYS),
        meetings: supervised / expectedIntervalDays(fte, content.supervisionPolicy),
      },
    };
  }
}

/** Staff per PCN: log-normal sizes (a few large PCNs, most near ten); the bench PCN has about ten. */
function teamSizes(plan: ScalePlan, random: Random): number[] {
  const bench = Math.max(1, Math.min(BENCH_PCN_STAFF, plan.staff - (plan.pcns - 1)));
  const rest = apportion(
    plan.staff - bench - (plan.pcns - 1),
    Array.from({ length: plan.pcns - 1 }, () => random.logNormal(0.45)),
  ).map((n) => n + 1);
  return [bench, ...rest];
}

/** At least one supervisor per PCN, the rest in proportion to staff; two in the bench PCN when there are enough. */
function supervisorCounts(plan: ScalePlan, staffPerPcn: number[]): number[] {
  const extra = apportion(plan.supervisors - plan.pcns, staffPerPcn);
  if (extra[0] === 0 && staffPerPcn[0]! > BENCH_SUPERVISEES && plan.supervisors > plan.pcns) {
    const most = extra.indexOf(Math.max(...extra));
    extra[most]! -= 1;
    extra[0] = 1;
  }
  return extra.map((n) => n + 1);
}

/** Half were in post before the records start, most of the rest joined since, and a few are new starters. */
function startDayFor(clock: Clock, random: Random, only?: "longServing"): number {
  const kind = only ?? random.weighted({ longServing: 50, joined: 45, newStarter: 5 });
  if (kind === "longServing") return random.int(clock.today - 6 * 365, clock.historyStart);
  if (kind === "joined") return random.int(clock.historyStart, clock.today - 60);
  return random.int(clock.today - 59, clock.today - 7);
}

function withQuotas(drafts: Draft[], plan: ScalePlan): RosterStaff[] {
  const benchItems = Math.min(BENCH_EVIDENCE_ITEMS, Math.round(plan.evidenceItems * BENCH_EVIDENCE_SHARE));
  const shares = (total: number, key: keyof Draft["weight"]) =>
    apportion(
      total,
      drafts.map((d) => d.weight[key]),
    );
  const evidence = shares(plan.evidenceItems - benchItems, "evidence");
  evidence[0]! += benchItems;
  // If someone else drew a bigger portfolio, they swap: the bench measures the biggest.
  const biggest = evidence.indexOf(Math.max(...evidence));
  [evidence[0], evidence[biggest]] = [evidence[biggest]!, evidence[0]!];
  const cpd = shares(plan.cpdEntries, "cpd");
  const training = shares(plan.trainingRecords, "training");
  const meetings = shares(plan.supervisionMeetings, "meetings");
  return drafts.map(({ weight: _, ...d }, i) => ({
    ...d,
    quota: { evidence: evidence[i]!, cpd: cpd[i]!, training: training[i]!, meetings: meetings[i]! },
  }));
}
