/**
 * The set-based fill of `audit_people` (migration 0009, and the scale seed's bulk load) gives exactly the rows the
 * app writes entry by entry as it audits each change (auditSubjects): who acted and whose record it is about, for
 * every kind of record, a deleted CPD entry (its owner only in its snapshot) and a sign-off included.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { createCpdEntry, deleteCpdEntry } from "~/models/cpd.server";
import { recordSignoff } from "~/models/signoff.server";
import { recordMeeting } from "~/models/supervision.server";
import { createTrainingRecord } from "~/models/training.server";
import { fillAuditPeople } from "../../db/audit-subjects";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { makeTeam } from "../../scripts/lib/factories";

let firstId = 0;

beforeAll(async () => {
  const db = getDb();
  const last = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirstOrThrow();
  firstId = Number(last.id ?? 0);
  const { coordinator, supervisor, lead } = await makeTeam(db);
  const owner = { id: coordinator.id, pcnId: coordinator.pcnId };
  const asOwner = { id: coordinator.id, ip: null };
  const asSupervisor = { id: supervisor.id, ip: null };
  const training = {
    requirementId: "safeguarding-adults",
    status: "completed" as const,
    completedOn: "2026-01-10",
    provider: null,
    attachmentId: null,
  };
  await createTrainingRecord(db, owner, training, "2026.1", asOwner);
  await createTrainingRecord(db, owner, { ...training, requirementId: "fire-safety" }, "2026.1", {
    id: lead.id,
    ip: null,
  });
  const cpd = {
    activity: "Webinar",
    activityDate: "2026-05-01",
    hours: 1.5,
    type: "webinar",
    provider: null,
    reflection: "What I learned.",
    competencyIds: [],
  };
  const kept = await createCpdEntry(db, owner, cpd, "2026.1", asOwner);
  const gone = await createCpdEntry(db, owner, { ...cpd, activity: "Course" }, "2026.1", asOwner);
  expect(kept).not.toBe(gone);
  await deleteCpdEntry(db, owner, gone, asOwner);
  await makeEvidence(db, owner, { competencyIds: ["pc-1"] }, { outcome: "accepted", reviewerId: supervisor.id });
  await recordMeeting(
    db,
    owner,
    {
      supervisorId: supervisor.id,
      metOn: "2026-06-01",
      minutes: 45,
      mode: "virtual",
      topics: "Caseload",
      patientConcerns: false,
      safeguardingConcerns: false,
      actions: "None",
    },
    asSupervisor,
    true,
  );
  await recordSignoff(
    db,
    {
      userId: coordinator.id,
      pcnId: coordinator.pcnId,
      competencyId: "pc-1",
      action: "sign-off",
      comment: "Checked",
      frameworkVersion: "2026.1",
    },
    asSupervisor,
  );
});

const rowsAfter = (id: number) =>
  getDb()
    .selectFrom("audit_people")
    .select(["person_id", "at", "audit_id"])
    .where("audit_id", ">", id)
    .orderBy("audit_id")
    .orderBy("person_id")
    .execute();

describe("filling audit_people in SQL", () => {
  it("gives the rows the app wrote entry by entry, for every kind of record", async () => {
    const db = getDb();
    const entities = await db.selectFrom("audit_log").select("entity").distinct().where("id", ">", firstId).execute();
    expect(entities.map((e) => e.entity).sort()).toEqual(
      expect.arrayContaining([
        "competency",
        "cpd",
        "evidence",
        "supervision_arrangement",
        "supervision_meeting",
        "training",
        "user",
      ]),
    );
    const written = await rowsAfter(firstId);
    expect(written.length).toBeGreaterThan(10);

    await db.deleteFrom("audit_people").where("audit_id", ">", firstId).execute();
    expect(await fillAuditPeople(db, firstId)).toBe(written.length);
    expect(await rowsAfter(firstId)).toEqual(written);
    // Run again, it adds nothing.
    expect(await fillAuditPeople(db, firstId)).toBe(0);
  });
});
