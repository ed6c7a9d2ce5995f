/**
 * The facts a member of staff's standing is worked out from, for many people at once, each in one query: training,
 * supervision, CPD hours and sign-offs. Below the models that change them, so those models can refresh the rollups
 * (rollups.server.ts) without an import cycle.
 */
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema";
import type { SupervisionFacts, TrainingFact } from "~/content/compliance-rules.server";
import type { Executor } from "./audit.server";

/**
 * The renewal period the owner's PCN sets for a training record's requirement, or null: selected with every record
 * the rules read (as `t`), so expiry, readiness, the rollups and everything built on them follow local periods.
 */
export function localRenewalMonths(eb: ExpressionBuilder<Database & { t: Database["training_records"] }, "t">) {
  return eb
    .selectFrom("local_periods as lp")
    .innerJoin("users as owner", "owner.pcn_id", "lp.pcn_id")
    .select("lp.renewal_months")
    .whereRef("owner.id", "=", "t.user_id")
    .whereRef("lp.requirement_id", "=", "t.requirement_id")
    .as("localRenewalMonths");
}

/** Each person's training records, as the readiness rules read them, grouped by person in one pass. */
export async function trainingFactsByPerson(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, TrainingFact[]>> {
  const byPerson = new Map<number, TrainingFact[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom("training_records as t")
    .select([
      "t.user_id as userId",
      "t.requirement_id as requirementId",
      "t.status",
      "t.completed_on as completedOn",
      "t.verified_at as verifiedAt",
      localRenewalMonths,
    ])
    .where("t.user_id", "in", [...userIds])
    .orderBy("t.id")
    .execute();
  for (const { userId, ...fact } of rows) byPerson.get(userId)?.push(fact);
  return byPerson;
}

/**
 * What the supervision cadence needs for each person: last confirmed meeting, start date (or when added), FTE and
 * whether anyone supervises them now. Pending and disputed meetings do not count.
 */
export async function supervisionFactsOf(
  db: Executor,
  staffIds: readonly number[],
): Promise<Map<number, SupervisionFacts>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users as u")
    .select(["u.id", "u.fte", "u.start_date", "u.created_at"])
    .select((eb) =>
      eb
        .selectFrom("supervision_meetings as m")
        .select((m) => m.fn.max("m.met_on").as("last"))
        .whereRef("m.staff_id", "=", "u.id")
        .where("m.status", "=", "confirmed")
        .as("lastMeetingOn"),
    )
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("supervision_arrangements as a")
            .select("a.id")
            .whereRef("a.staff_id", "=", "u.id")
            .where("a.kind", "=", "supervisor")
            .where("a.ended_on", "is", null),
        )
        .as("hasSupervisor"),
    )
    .where("u.id", "in", [...staffIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        lastMeetingOn: r.lastMeetingOn ?? null,
        startDate: r.start_date ?? r.created_at.slice(0, 10),
        fte: r.fte,
        hasSupervisor: Boolean(r.hasSupervisor),
      },
    ]),
  );
}

/** Hours per person within a date range (inclusive); people with none are absent. */
export async function cpdHoursBetween(
  db: Executor,
  userIds: readonly number[],
  range: { from: string; to: string },
): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("cpd_entries")
    .select(["user_id", (eb) => eb.fn.sum<number>("hours").as("hours")])
    .where("user_id", "in", [...userIds])
    .where("activity_date", ">=", range.from)
    .where("activity_date", "<=", range.to)
    .groupBy("user_id")
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.hours)]));
}

/** Competencies of the current framework whose latest decision is a sign-off, per person. */
export async function signedOffCounts(
  db: Executor,
  userIds: readonly number[],
  competencyIds: ReadonlySet<string>,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (userIds.length === 0) return counts;
  const rows = await db
    .selectFrom("competency_signoffs")
    .select(["user_id", "competency_id", "action"])
    .where("user_id", "in", [...userIds])
    .orderBy("id")
    .execute();
  const latest = new Map<string, { userId: number; signedOff: boolean }>();
  for (const r of rows) {
    if (competencyIds.has(r.competency_id))
      latest.set(`${r.user_id}:${r.competency_id}`, { userId: r.user_id, signedOff: r.action === "sign-off" });
  }
  for (const { userId, signedOff } of latest.values()) if (signedOff) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  return counts;
}
