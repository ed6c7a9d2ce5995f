/** One member of staff's training records, CPD and supervision meetings, with the audit rows the models write. */
import { meetingColumns } from "~/models/supervision.server";
import type { MeetingStatus, TrainingStatus, VerificationMethod } from "../../../db/schema";
import type { TrainingRequirement } from "~/content/index.server";
import { expectedIntervalDays } from "~/domain/supervision-cadence";
import { DAY_MS, isoTime } from "./clock";
import type { LoadContext } from "./context";
import type { RosterStaff } from "./roster";
import { CPD_ACTIVITIES, CPD_REFLECTIONS, DISPUTE_REASON, MEETING_ACTIONS, MEETING_TOPICS } from "./text";

const MONTH_DAYS = 30.44;
/** Completion dates spread over a little more than the renewal period, so some of everything has expired. */
const RENEWAL_SPREAD = 1.12;
const MISSING_SHARE = 0.04;
const IN_PROGRESS_SHARE = 0.06;
const RECOMMENDED_TAKEN_SHARE = 0.4;
const VERIFIED_WHEN_NEEDED = 0.88;
const VERIFIED_OTHERWISE = 0.2;
const VERIFICATION_METHODS: Record<VerificationMethod, number> = {
  esr: 40,
  "provider-list": 30,
  certificate: 25,
  other: 5,
};

interface PlannedRecord {
  requirement: TrainingRequirement;
  status: TrainingStatus;
  completedDay: number | null;
}

export function writeTraining(load: LoadContext, staff: RosterStaff): void {
  const { clock, random, content } = load;
  const find = (id: string) => content.trainingRequirements.requirements.find((r) => r.id === id)!;
  const role = content.roles.roles.find((r) => r.id === staff.jobRole)!;
  const newStarter = staff.startDay > clock.today - 60;
  const wanted = [
    ...role.requirements.map(find),
    ...role.recommended.filter(() => random.chance(RECOMMENDED_TAKEN_SHARE)).map(find),
  ];

  // The record that counts for each requirement now: missing, in progress or completed at some point.
  const current: PlannedRecord[] = [];
  for (const requirement of random.sample(wanted, wanted.length)) {
    if (random.chance(MISSING_SHARE) && !staff.busyThisYear) continue;
    const canBeUnderway = requirement.kind === "accredited-course" || requirement.kind === "e-learning";
    if (canBeUnderway && random.chance(newStarter ? 0.5 : IN_PROGRESS_SHARE)) {
      current.push({ requirement, status: random.pick(["enrolled", "undertaking"] as const), completedDay: null });
      continue;
    }
    const completedDay = requirement.renewalMonths
      ? clock.today - Math.floor(random.next() * requirement.renewalMonths * MONTH_DAYS * RENEWAL_SPREAD)
      : random.int(staff.startDay, Math.min(staff.to, staff.startDay + 240));
    current.push({ requirement, status: "completed", completedDay: Math.min(completedDay, staff.to) });
  }
  // Earlier completions of renewable training, then earlier refreshers, until the person's share is reached.
  const earlier: PlannedRecord[] = [];
  for (const record of current) {
    const months = record.requirement.renewalMonths;
    if (!months || record.completedDay === null) continue;
    for (let day = record.completedDay - Math.round(months * MONTH_DAYS); day >= staff.from - 365;) {
      earlier.push({ requirement: record.requirement, status: "completed", completedDay: day });
      day -= Math.round(months * MONTH_DAYS);
    }
  }
  const renewable = current.filter((r) => r.requirement.renewalMonths && r.completedDay !== null);
  const planned = [...current, ...earlier].slice(0, staff.quota.training);
  while (planned.length < staff.quota.training && renewable.length) {
    const latest = random.pick(renewable);
    const day = random.int(staff.from - 365, Math.max(staff.from - 365, latest.completedDay! - 30));
    planned.push({ requirement: latest.requirement, status: "completed", completedDay: day });
  }
  for (const record of planned) writeTrainingRecord(load, staff, record);
}

function writeTrainingRecord(load: LoadContext, staff: RosterStaff, record: PlannedRecord): void {
  const { clock, random, content } = load;
  const enteredDay =
    record.completedDay === null
      ? random.int(staff.from, staff.to)
      : Math.min(staff.to, Math.max(staff.from, record.completedDay + random.int(0, 20)));
  const createdMs = clock.during(enteredDay, random);
  const byLead = random.chance(0.1);
  const creator = byLead ? staff.leadId : staff.id;
  const id = load.nextId("training");
  const contentVersion = content.trainingRequirements.version;
  const completedOn = record.completedDay === null ? null : clock.date(record.completedDay);
  const provider = record.requirement.provider ?? null;

  const verify =
    record.status === "completed" &&
    random.chance(record.requirement.verifyBeforeReferrals ? VERIFIED_WHEN_NEEDED : VERIFIED_OTHERWISE);
  const verifiedMs = createdMs + random.int(1, 30) * DAY_MS;
  const supervising = staff.supervisorEndDay === null || verifiedMs < staff.supervisorEndDay * DAY_MS;
  const verifier = supervising ? staff.supervisorId : staff.leadId;
  const verification = verify && verifiedMs <= clock.nowMs ? verificationOf(load, verifier, verifiedMs) : null;

  load.writer.insert("training_records", {
    id,
    user_id: staff.id,
    requirement_id: record.requirement.id,
    content_version: contentVersion,
    status: record.status,
    completed_on: completedOn,
    provider,
    attachment_id: null,
    verified_by: verification?.verifiedBy ?? null,
    verified_at: verification?.verifiedAt ?? null,
    verification_method: verification?.verificationMethod ?? null,
    verification_note: verification?.verificationNote ?? null,
    created_by: creator,
    created_at: isoTime(createdMs),
    updated_at: isoTime(createdMs),
    imported_from: null,
    import_id: null,
  });
  load.audit(createdMs, staff.id, {
    actorId: creator,
    pcnId: staff.pcnId,
    entity: "training",
    entityId: id,
    action: "create",
    after: {
      userId: staff.id,
      contentVersion,
      requirementId: record.requirement.id,
      status: record.status,
      completedOn,
      provider,
      attachmentId: null,
    },
  });
  if (verification) {
    load.audit(verifiedMs, staff.id, {
      actorId: verifier,
      pcnId: staff.pcnId,
      entity: "training",
      entityId: id,
      action: "verify",
      before: { verifiedBy: null },
      after: verification,
    });
  }
}

function verificationOf(load: LoadContext, verifiedBy: number, ms: number) {
  const method = load.random.weighted(VERIFICATION_METHODS);
  return {
    verifiedBy,
    verifiedAt: isoTime(ms),
    verificationMethod: method,
    verificationNote: method === "other" ? "Checked the training hub's attendance register" : null,
  };
}

export function writeCpd(load: LoadContext, staff: RosterStaff): void {
  const { clock, random, content } = load;
  const competencies = content.framework.areas.flatMap((a) => a.competencies.map((c) => c.id));
  for (let n = 0; n < staff.quota.cpd; n += 1) {
    const day = random.int(staff.from, staff.to);
    const createdMs = clock.during(Math.min(staff.to, day + random.int(0, 14)), random);
    const activity = random.pick(CPD_ACTIVITIES);
    const input = {
      activity: activity.activity,
      activityDate: clock.date(day),
      hours: activity.hours,
      type: activity.type,
      provider: activity.provider,
      reflection: random.pick(CPD_REFLECTIONS),
      competencyIds: random.sample(competencies, random.pick([0, 0, 1, 1, 1, 2])),
    };
    const id = load.nextId("cpd");
    load.writer.insert("cpd_entries", {
      id,
      user_id: staff.id,
      activity: input.activity,
      activity_date: input.activityDate,
      hours: input.hours,
      type: input.type,
      provider: input.provider,
      reflection: input.reflection,
      framework_version: content.framework.version,
      created_at: isoTime(createdMs),
      updated_at: isoTime(createdMs),
    });
    for (const c of input.competencyIds) load.writer.insert("cpd_entry_competencies", { cpd_id: id, competency_id: c });
    load.audit(createdMs, staff.id, {
      actorId: staff.id,
      pcnId: staff.pcnId,
      entity: "cpd",
      entityId: id,
      action: "create",
      after: { userId: staff.id, ...input },
    });
  }
}

/**
 * Meetings spaced evenly back from the latest, whose date gives the person's supervision state (up to date, due
 * soon or overdue). A supervisor records most and they count at once; the member of staff records the rest, which
 * wait for the supervisor to confirm (or, rarely, dispute) them.
 */
export function writeMeetings(load: LoadContext, staff: RosterStaff): void {
  const { clock, random } = load;
  const count = staff.quota.meetings;
  if (count === 0) return;
  const lastPossible = staff.supervisorEndDay ?? staff.to;
  const interval = expectedIntervalDays(staff.fte, load.content.supervisionPolicy);
  const sinceLast =
    staff.supervision === "ok"
      ? random.int(1, Math.max(1, interval - 10))
      : staff.supervision === "due-soon"
        ? random.int(Math.max(1, interval - 6), interval)
        : random.int(interval + 1, interval + 60);
  const latest = Math.max(staff.from, lastPossible - sinceLast);
  const spacing = count > 1 ? Math.max(7, (latest - staff.from) / (count - 1)) : 0;
  const decideBy = Math.min(clock.nowMs, lastPossible * DAY_MS + DAY_MS - 1);

  for (let n = 0; n < count; n += 1) {
    const metDay = Math.round(latest - n * spacing);
    if (metDay < staff.from) break;
    const recordedBySupervisor = random.chance(0.6);
    const recordedBy = recordedBySupervisor ? staff.supervisorId : staff.id;
    const createdMs = clock.during(Math.min(lastPossible, metDay + random.int(0, 3)), random);
    const decidedMs = createdMs + random.int(1, 10) * DAY_MS;
    const decided = recordedBySupervisor || (decidedMs <= decideBy && !random.chance(0.02));
    const status: MeetingStatus = recordedBySupervisor
      ? "confirmed"
      : !decided
        ? "pending"
        : random.chance(0.05)
          ? "disputed"
          : "confirmed";
    const input = {
      supervisorId: staff.supervisorId,
      metOn: clock.date(metDay),
      minutes: random.pick([30, 45, 60, 60, 90]),
      mode: random.pick(["face-to-face", "virtual"] as const),
      topics: random.pick(MEETING_TOPICS),
      patientConcerns: random.chance(0.1),
      safeguardingConcerns: random.chance(0.04),
      actions: random.pick(MEETING_ACTIONS),
    };
    const id = load.nextId("meeting");
    const decidedAt = recordedBySupervisor ? createdMs : decided ? decidedMs : null;
    load.writer.insert("supervision_meetings", {
      id,
      ...meetingColumns(staff.id, input),
      recorded_by: recordedBy,
      created_at: isoTime(createdMs),
      status,
      decided_by: decidedAt === null ? null : staff.supervisorId,
      decided_at: decidedAt === null ? null : isoTime(decidedAt),
      dispute_reason: status === "disputed" ? DISPUTE_REASON : null,
    });
    load.audit(createdMs, staff.id, {
      actorId: recordedBy,
      pcnId: staff.pcnId,
      entity: "supervision_meeting",
      entityId: id,
      action: "create",
      after: { staffId: staff.id, ...input, status: recordedBySupervisor ? "confirmed" : "pending" },
    });
    if (!recordedBySupervisor && decidedAt !== null) {
      load.audit(decidedAt, staff.id, {
        actorId: staff.supervisorId,
        pcnId: staff.pcnId,
        entity: "supervision_meeting",
        entityId: id,
        action: status === "disputed" ? "dispute" : "confirm",
        before: { status: "pending" },
        after: { status, disputeReason: status === "disputed" ? DISPUTE_REASON : null },
      });
    }
  }
}
