import { lockForUpdate } from "../../db/dialect";
import type { MeetingStatus } from "../../db/schema";
import { RuleError } from "~/domain/rule-error";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";
import { refreshStanding } from "./rollups.server";

export { supervisionFactsOf } from "./standing-facts.server";

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

/** A meeting the model refuses whoever records it (see RuleError). */
export class SupervisionRuleError extends RuleError<"form" | "supervisorId"> {
  override name = "SupervisionRuleError";
}

/** A meeting is held with one of the person's designated supervisors now; with none, there is nobody to meet. */
async function checkSupervisor(trx: Executor, staffId: number, supervisorId: number) {
  const designated = await designatedSupervisors(trx, staffId);
  if (designated.length === 0) {
    throw new SupervisionRuleError("form", "There is no designated supervisor, so meetings cannot be recorded yet");
  }
  if (!designated.some((d) => d.id === supervisorId)) {
    throw new SupervisionRuleError("supervisorId", "Select the supervisor you met");
  }
}

/** The columns a meeting's details fill: the scale seed writes its meetings through this too. */
export function meetingColumns(staffId: number, input: MeetingInput) {
  return {
    staff_id: staffId,
    supervisor_id: input.supervisorId,
    met_on: input.metOn,
    minutes: input.minutes,
    mode: input.mode,
    topics: input.topics,
    patient_concerns: input.patientConcerns ? 1 : 0,
    safeguarding_concerns: input.safeguardingConcerns ? 1 : 0,
    actions: input.actions,
  };
}

/**
 * Records a meeting with one of the person's designated supervisors. `confirmed` says whether the recorder may
 * confirm it (see canConfirmMeeting): if not, as when the member of staff records their own meeting, it waits for
 * their supervisor.
 */
export async function recordMeeting(
  db: Executor,
  staff: Staff,
  input: MeetingInput,
  actor: Actor & { id: number },
  confirmed: boolean,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkSupervisor(trx, staff.id, input.supervisorId);
    const at = nowIso();
    const status: MeetingStatus = confirmed ? "confirmed" : "pending";
    const { id } = await trx
      .insertInto("supervision_meetings")
      .values({
        ...meetingColumns(staff.id, input),
        recorded_by: actor.id,
        created_at: at,
        status,
        decided_by: confirmed ? actor.id : null,
        decided_at: confirmed ? at : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: staff.pcnId,
      entity: "supervision_meeting",
      entityId: id,
      action: "create",
      after: { staffId: staff.id, ...input, status },
      ip: actor.ip,
    });
    await refreshStanding(trx, staff.id);
    return id;
  });
}

/** A page of meetings, latest first, with who supervised, recorded and decided each. */
export async function listMeetings(db: Executor, staffId: number, page: { page: number; pageSize: number }) {
  const { n } = await db
    .selectFrom("supervision_meetings")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("staff_id", "=", staffId)
    .executeTakeFirstOrThrow();
  const rows = await meetingsOf(db, staffId)
    .select(["m.patient_concerns", "m.safeguarding_concerns"])
    .orderBy("m.met_on", "desc")
    .orderBy("m.id", "desc")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const meetings = rows.map(({ patient_concerns, safeguarding_concerns, ...m }) => ({
    ...m,
    patientConcerns: patient_concerns === 1,
    safeguardingConcerns: safeguarding_concerns === 1,
  }));
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

/** A person's meetings with who supervised, recorded and decided each: the start of the queries here. */
function meetingsOf(db: Executor, staffId: number) {
  return db
    .selectFrom("supervision_meetings as m")
    .innerJoin("users as s", "s.id", "m.supervisor_id")
    .innerJoin("users as r", "r.id", "m.recorded_by")
    .leftJoin("users as d", "d.id", "m.decided_by")
    .select([
      "m.id",
      "m.met_on as metOn",
      "m.minutes",
      "m.mode",
      "m.topics",
      "m.actions",
      "m.supervisor_id as supervisorId",
      "m.status",
      "m.dispute_reason as disputeReason",
      "m.decided_at as decidedAt",
      "s.name as supervisorName",
      "r.name as recordedByName",
      "d.name as decidedByName",
    ])
    .where("m.staff_id", "=", staffId);
}

/** One of this person's meetings; undefined if it is not theirs. */
export async function getMeeting(db: Executor, staffId: number, meetingId: number) {
  return meetingsOf(db, staffId).where("m.id", "=", meetingId).executeTakeFirst();
}

export type MeetingDecision = { decision: "confirm" } | { decision: "dispute"; reason: string };

/**
 * Confirms or disputes a pending meeting, once: a decided meeting is not decided again. Checked inside the
 * transaction, so two supervisors deciding at once cannot both win.
 */
export async function decideMeeting(
  db: Executor,
  staff: Staff,
  meetingId: number,
  input: MeetingDecision,
  actor: Actor & { id: number },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  return db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom("supervision_meetings")
      .select(["status"])
      .where("id", "=", meetingId)
      .where("staff_id", "=", staff.id)
      .$call(lockForUpdate)
      .executeTakeFirst();
    if (!meeting) return { ok: false, reason: "Meeting not found" };
    if (meeting.status !== "pending") return { ok: false, reason: `This meeting has already been ${meeting.status}` };
    const status: MeetingStatus = input.decision === "confirm" ? "confirmed" : "disputed";
    const disputeReason = input.decision === "dispute" ? input.reason : null;
    await trx
      .updateTable("supervision_meetings")
      .set({ status, decided_by: actor.id, decided_at: nowIso(), dispute_reason: disputeReason })
      .where("id", "=", meetingId)
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: staff.pcnId,
      entity: "supervision_meeting",
      entityId: meetingId,
      action: input.decision,
      before: { status: "pending" },
      after: { status, disputeReason },
      ip: actor.ip,
    });
    await refreshStanding(trx, staff.id);
    return { ok: true };
  });
}

/** Meetings waiting for this supervisor to confirm, among the people they supervise now; oldest first. */
export async function meetingsAwaitingConfirmation(
  db: Executor,
  supervisorId: number,
  superviseeIds: readonly number[],
) {
  if (superviseeIds.length === 0) return [];
  return db
    .selectFrom("supervision_meetings as m")
    .innerJoin("users as u", "u.id", "m.staff_id")
    .select(["m.id", "m.met_on as metOn", "u.id as personId", "u.name"])
    .where("m.status", "=", "pending")
    .where("m.supervisor_id", "=", supervisorId)
    .where("m.staff_id", "in", [...superviseeIds])
    .orderBy("m.met_on")
    .orderBy("m.id")
    .execute();
}
