import { canViewPerson, pcnScopeOf, type Viewer } from "~/domain/permissions";
import type { Executor } from "~/models/audit.server";
import { readinessPage, standingStaff, type StoredReadiness } from "~/models/dashboard.server";
import type { StandingFilter } from "~/models/rollups.server";
import { supervisionFactsOf } from "~/models/supervision.server";
import { trainingFactsByPerson } from "~/models/standing-facts.server";
import type { ReadinessView } from "~/domain/readiness";
import type { Freshness } from "~/domain/figures";
import type { SupervisionDue } from "~/domain/supervision-cadence";
import {
  expiriesOf,
  readinessOf,
  supervisionStatusOf,
  type Expiry,
  type TrainingFact,
} from "~/content/compliance-rules.server";

export interface StaffRef {
  id: number;
  name: string;
  jobRole: string | null;
}

// Only the facts the rules read, as the rollups read them: not the records' names, notes and certificates.
type Records = Map<number, TrainingFact[]>;
const recordsOf = (db: Executor, people: readonly StaffRef[]) =>
  trainingFactsByPerson(
    db,
    people.map((p) => p.id),
  );

const readinessFrom = (people: readonly StaffRef[], records: Records, today: string) =>
  people.map((p) => ({
    personId: p.id,
    name: p.name,
    jobRole: p.jobRole,
    ...readinessOf(p.jobRole, records.get(p.id)!, today),
  }));

const expiringFrom = (people: readonly StaffRef[], records: Records, today: string): ExpiringTraining[] =>
  people
    .map((p) => ({ personId: p.id, name: p.name, expiries: expiriesOf(p.jobRole, records.get(p.id)!, today) }))
    .filter((p) => p.expiries.length > 0);

/** Readiness for each person, in the order given. For loaders: pass the result to ReadinessPanel/TeamReadinessPanel. */
export async function readinessFor(
  db: Executor,
  people: readonly StaffRef[],
  today: string,
): Promise<(ReadinessView & { jobRole: string | null })[]> {
  return readinessFrom(people, await recordsOf(db, people), today);
}

/** Both of the above from one read of the records, for a home page that shows both. */
export async function trainingStandingFor(db: Executor, people: readonly StaffRef[], today: string) {
  const records = await recordsOf(db, people);
  return { readiness: readinessFrom(people, records, today), expiring: expiringFrom(people, records, today) };
}

export interface ExpiringTraining {
  personId: number;
  name: string;
  expiries: Expiry[];
}

/** Of these people, those with required training expired or expiring soon, for home pages. */
export async function expiringTrainingFor(
  db: Executor,
  people: readonly StaffRef[],
  today: string,
): Promise<ExpiringTraining[]> {
  return expiringFrom(people, await recordsOf(db, people), today);
}

/**
 * Active staff (people with a job role) this viewer may see: everyone for an admin, their PCN for a lead, their
 * supervisees for a supervisor, and themself.
 */
function visibleTo(viewer: Viewer): StandingFilter {
  const pcns = pcnScopeOf(viewer);
  if (pcns.kind === "all") return (eb) => eb.lit(true);
  return (eb) => {
    const visible = [eb("person_standings.user_id", "=", viewer.id)];
    if (viewer.superviseeIds.length) visible.push(eb("person_standings.user_id", "in", [...viewer.superviseeIds]));
    if (pcns.kind === "one") visible.push(eb("person_standings.pcn_id", "=", pcns.pcnId));
    return eb.or(visible);
  };
}

// The queries mirror the permission rules; checking each row against them keeps the two from drifting apart.
export async function visibleStaff(db: Executor, viewer: Viewer): Promise<(StaffRef & { pcnId: number | null })[]> {
  return (await standingStaff(db, visibleTo(viewer))).filter((p) => canViewPerson(viewer, p));
}

/**
 * A page of the readiness of the people this viewer may see, in order of person id after `after` (0: from the
 * start), and the person id the next page starts after (null on the last page). An administrator's answer covers
 * the nation, so it is only ever read a page at a time. A cursor from someone else's answer only says where to
 * start: the viewer's own scope still decides who is on the page.
 */
export async function visibleReadinessPage(
  db: Executor,
  viewer: Viewer,
  today: string,
  page: { after: number; size: number },
): Promise<{ people: StoredReadiness[]; nextAfter: number | null; freshness: Freshness }> {
  const { rows, more, freshness } = await readinessPage(db, visibleTo(viewer), today, page);
  return {
    people: rows.filter((r) => canViewPerson(viewer, { id: r.personId, pcnId: r.pcnId })),
    nextAfter: more ? rows.at(-1)!.personId : null,
    freshness,
  };
}

/** One person's readiness, if this viewer may see them; null for anyone else, as for someone who does not exist. */
export async function visibleReadinessOf(
  db: Executor,
  viewer: Viewer,
  today: string,
  personId: number,
): Promise<{ person: StoredReadiness; freshness: Freshness } | null> {
  const visible = visibleTo(viewer);
  const { rows, freshness } = await readinessPage(
    db,
    (eb) => eb.and([visible(eb), eb("person_standings.user_id", "=", personId)]),
    today,
    { after: 0, size: 1 },
  );
  const person = rows.find((r) => canViewPerson(viewer, { id: r.personId, pcnId: r.pcnId }));
  return person ? { person, freshness } : null;
}

/**
 * Of these people, those with no supervisor and those whose supervision is overdue or due within a week, most
 * urgent first. For home pages.
 */
export async function supervisionDueFor(
  db: Executor,
  people: readonly StaffRef[],
  today: string,
): Promise<SupervisionDue[]> {
  const facts = await supervisionFactsOf(
    db,
    people.map((p) => p.id),
  );
  return people
    .map((p) => ({ personId: p.id, name: p.name, status: supervisionStatusOf(facts.get(p.id)!, today) }))
    .filter((p) => p.status.state !== "ok")
    .sort(
      (a, b) =>
        Number(b.status.state === "no-supervisor") - Number(a.status.state === "no-supervisor") ||
        a.status.dueOn.localeCompare(b.status.dueOn),
    );
}

/**
 * One person as the readiness API answers, as JSON text written from the stored row: the lists are stored as
 * JSON.stringify wrote them, so they go in as they are rather than parsed and written again, which was much of the
 * time of an answer for the nation (tests/integration/readiness-api.test.ts checks the text against JSON.stringify
 * of the answer's object). `ready` is true only when the training is verified and the answer up to date: while the
 * stored answers are worked out again after a change of content, `upToDate` is false and so is `ready`, so a client
 * that reads only `ready` never assigns referrals on unverified training or under rules since changed.
 */
export const readinessAnswerJson = (r: StoredReadiness, freshness: Freshness) =>
  `{"personId":${r.personId},"name":${JSON.stringify(r.name)},"jobRole":${JSON.stringify(r.jobRole)},` +
  `"readiness":${JSON.stringify(r.state)},"ready":${freshness.upToDate && r.state === "ready"},` +
  `"upToDate":${freshness.upToDate}${freshness.upToDate ? "" : `,"asOf":${JSON.stringify(freshness.asOf)}`},` +
  `"blockers":${r.blockersJson},"awaitingVerification":${r.awaitingJson}}`;

/**
 * A page of the readiness API as JSON text: `{"people":[...],"next":...}`, `next` being the address of the next
 * page or null on the last.
 */
export const readinessPageJson = (people: readonly StoredReadiness[], freshness: Freshness, next: string | null) =>
  `{"people":[${people.map((p) => readinessAnswerJson(p, freshness)).join(",")}],"next":${JSON.stringify(next)}}`;
