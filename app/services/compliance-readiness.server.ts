import { canViewPerson, pcnScopeOf, type Viewer } from "~/domain/permissions";
import type { Executor } from "~/models/audit.server";
import { supervisionFactsOf } from "~/models/supervision.server";
import { trainingRecordsOf } from "~/models/training.server";
import type { ReadinessView } from "~/domain/readiness";
import type { SupervisionDue } from "~/domain/supervision-cadence";
import { expiriesOf, readinessOf, supervisionStatusOf, type Expiry } from "~/content/compliance-rules.server";

export interface StaffRef {
  id: number;
  name: string;
  jobRole: string | null;
}

/** Readiness for each person, in the order given. For loaders: pass the result to ReadinessPanel/TeamReadinessPanel. */
export async function readinessFor(
  db: Executor,
  people: readonly StaffRef[],
  today: string,
): Promise<(ReadinessView & { jobRole: string | null })[]> {
  const records = await trainingRecordsOf(
    db,
    people.map((p) => p.id),
  );
  return people.map((p) => ({
    personId: p.id,
    name: p.name,
    jobRole: p.jobRole,
    ...readinessOf(
      p.jobRole,
      records.filter((r) => r.userId === p.id),
      today,
    ),
  }));
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
  const records = await trainingRecordsOf(
    db,
    people.map((p) => p.id),
  );
  return people
    .map((p) => ({
      personId: p.id,
      name: p.name,
      expiries: expiriesOf(
        p.jobRole,
        records.filter((r) => r.userId === p.id),
        today,
      ),
    }))
    .filter((p) => p.expiries.length > 0);
}

/**
 * Active staff (people with a job role) this viewer may see: everyone for an admin, their PCN for a lead, their
 * supervisees for a supervisor, and themself.
 */
export async function visibleStaff(db: Executor, viewer: Viewer): Promise<(StaffRef & { pcnId: number | null })[]> {
  let q = db
    .selectFrom("users")
    .select(["id", "name", "job_role as jobRole", "pcn_id as pcnId"])
    .where("active", "=", 1)
    .where("job_role", "is not", null);
  const pcns = pcnScopeOf(viewer);
  if (pcns.kind !== "all") {
    q = q.where((eb) => {
      const visible = [eb("id", "=", viewer.id)];
      if (viewer.superviseeIds.length) visible.push(eb("id", "in", [...viewer.superviseeIds]));
      if (pcns.kind === "one") visible.push(eb("pcn_id", "=", pcns.pcnId));
      return eb.or(visible);
    });
  }
  const rows = await q.orderBy("name").orderBy("id").execute();
  // The query mirrors the permission rules; checking each row against them keeps the two from drifting apart.
  return rows.filter((p) => canViewPerson(viewer, { id: p.id, pcnId: p.pcnId }));
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
