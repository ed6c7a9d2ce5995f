import type { SupervisionFacts } from "~/utils/compliance-rules.server";
import { nowIso } from "~/utils/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export interface MeetingInput {
  supervisorId: number;
  metOn: string;
  minutes: number;
  mode: "face-to-face" | "virtual";
  topics: string;
  patientConcerns: boolean;
  safeguardingConcerns: boolean;
  actions: string;
}

interface Staff {
  id: number;
  pcnId: number | null;
}

export async function recordMeeting(db: Executor, staff: Staff, input: MeetingInput, actor: Actor & { id: number }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("supervision_meetings")
      .values({
        staff_id: staff.id,
        supervisor_id: input.supervisorId,
        met_on: input.metOn,
        minutes: input.minutes,
        mode: input.mode,
        topics: input.topics,
        patient_concerns: input.patientConcerns ? 1 : 0,
        safeguarding_concerns: input.safeguardingConcerns ? 1 : 0,
        actions: input.actions,
        recorded_by: actor.id,
        created_at: nowIso(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actorId: actor.id, pcnId: staff.pcnId, entity: "supervision_meeting", entityId: id, action: "create", after: { staffId: staff.id, ...input }, ip: actor.ip });
    return id;
  });
}

/** A page of meetings, latest first, with who supervised and who recorded each. */
export async function listMeetings(db: Executor, staffId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("supervision_meetings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("staff_id", "=", staffId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("supervision_meetings as m")
    .innerJoin("users as s", "s.id", "m.supervisor_id")
    .innerJoin("users as r", "r.id", "m.recorded_by")
    .select([
      "m.id",
      "m.met_on as metOn",
      "m.minutes",
      "m.mode",
      "m.topics",
      "m.patient_concerns",
      "m.safeguarding_concerns",
      "m.actions",
      "s.name as supervisorName",
      "r.name as recordedByName",
    ])
    .where("m.staff_id", "=", staffId)
    .orderBy("m.met_on", "desc")
    .orderBy("m.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const meetings = rows.map(({ patient_concerns, safeguarding_concerns, ...m }) => ({ ...m, patientConcerns: patient_concerns === 1, safeguardingConcerns: safeguarding_concerns === 1 }));
  return { meetings, total: Number(n) };
}

/** The person's designated supervisors now (open arrangements). */
export async function designatedSupervisors(db: Executor, staffId: number) {
  return db
    .selectFrom("supervision_arrangements as a")
    .innerJoin("users as u", "u.id", "a.person_id")
    .select(["u.id", "u.name"])
    .where("a.staff_id", "=", staffId)
    .where("a.kind", "=", "supervisor")
    .where("a.ended_on", "is", null)
    .orderBy("u.name")
    .execute();
}

/** What the supervision cadence needs for each person: last meeting, start date (or when added) and FTE. */
export async function supervisionFactsOf(db: Executor, staffIds: readonly number[]): Promise<Map<number, SupervisionFacts>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users as u")
    .select(["u.id", "u.fte", "u.start_date", "u.created_at"])
    .select((eb) => eb.selectFrom("supervision_meetings as m").select((m) => m.fn.max("m.met_on").as("last")).whereRef("m.staff_id", "=", "u.id").as("lastMeetingOn"))
    .where("u.id", "in", [...staffIds])
    .execute();
  return new Map(rows.map((r) => [r.id, { lastMeetingOn: r.lastMeetingOn ?? null, startDate: r.start_date ?? r.created_at.slice(0, 10), fte: r.fte }]));
}
