/** Training, CPD and supervision records made through the app's models, for tests and the demo seed. */
import type { Kysely } from "kysely";
import type { Database, TrainingStatus } from "../../../db/schema";
import { createCpdEntry, type CpdInput } from "~/models/cpd.server";
import { recordMeeting, type MeetingInput } from "~/models/supervision.server";
import { createTrainingRecord, verifyTrainingRecord } from "~/models/training.server";

type DB = Kysely<Database>;
interface Owner {
  id: number;
  pcnId: number | null;
}

export async function makeTraining(
  db: DB,
  owner: Owner,
  requirementId: string,
  options: {
    status?: TrainingStatus;
    completedOn?: string | null;
    provider?: string | null;
    attachmentId?: number | null;
    contentVersion?: string;
    verifiedBy?: number;
  } = {},
) {
  const status = options.status ?? "completed";
  const input = {
    requirementId,
    status,
    completedOn:
      options.completedOn === undefined ? (status === "completed" ? "2026-01-15" : null) : options.completedOn,
    provider: options.provider ?? null,
    attachmentId: options.attachmentId ?? null,
  };
  const id = await createTrainingRecord(db, owner, input, options.contentVersion ?? "2026.1", {
    id: owner.id,
    ip: null,
  });
  if (options.verifiedBy !== undefined) {
    const verified = await verifyTrainingRecord(
      db,
      owner,
      id,
      { method: "esr", note: null },
      { id: options.verifiedBy, ip: null },
    );
    if (!verified.ok) throw new Error(verified.reason);
  }
  return id;
}

/** Every requirement in the list, completed on one date. */
export async function completeAll(db: DB, owner: Owner, requirementIds: readonly string[], completedOn: string) {
  for (const id of requirementIds) await makeTraining(db, owner, id, { completedOn });
}

export async function makeCpd(db: DB, owner: Owner, overrides: Partial<CpdInput> = {}) {
  const input: CpdInput = {
    activity: "Webinar on shared decision making",
    activityDate: "2026-05-12",
    hours: 1.5,
    type: "webinar",
    provider: "Personalised Care Institute",
    reflection: "Practised asking what matters to the person before offering options.",
    competencyIds: [],
    ...overrides,
  };
  return createCpdEntry(db, owner, input, "2026.1", { id: owner.id, ip: null });
}

export async function makeMeeting(db: DB, staff: Owner, supervisorId: number, overrides: Partial<MeetingInput> = {}) {
  const input: MeetingInput = {
    supervisorId,
    metOn: "2026-10-01",
    minutes: 60,
    mode: "face-to-face",
    topics: "Caseload review and planning for the next month",
    patientConcerns: false,
    safeguardingConcerns: false,
    actions: "Book the next meeting",
    ...overrides,
  };
  return recordMeeting(db, staff, input, { id: supervisorId, ip: null }, true);
}
