/**
 * Subject access: the archive holds everything about the person, checked against counts from the test's own SQL
 * and the stored files' bytes; it is audited; only the person and administrators may download it.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { storeAttachment } from "~/models/attachment.server";
import { createEvidence, moveEvidence } from "~/models/evidence.server";
import { recordSignoff } from "~/models/signoff.server";
import * as download from "~/routes/people.$personId.personal-data[.tar]";
import { getDb } from "~/lib/db.server";
import { runNotifications } from "~/services/notify.server";
import { env } from "~/lib/env.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { makeCpd, makeMeeting, makeTraining } from "../../scripts/lib/factories/compliance";
import { cookieFor, load } from "./harness";
import { count } from "./independent-count";

const db = () => getDb();
let team: Awaited<ReturnType<typeof makeTeam>>;
const cookies: Record<string, string> = {};
const uploaded: Uint8Array[] = [];
let adminId: number;

async function fetchArchive(personId: number, cookie: string) {
  const response = (await download.loader({
    request: new Request(`http://127.0.0.1/people/${personId}/personal-data.tar`, { headers: { Cookie: cookie } }),
    params: { personId: String(personId) },
    context: { clientAddress: "127.0.0.1" },
  })) as Response;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sar-"));
  fs.writeFileSync(path.join(dir, "archive.tar"), Buffer.from(await response.arrayBuffer()));
  execFileSync("tar", ["-xf", "archive.tar"], { cwd: dir });
  return { response, dir, data: JSON.parse(fs.readFileSync(path.join(dir, "personal-data.json"), "utf8")) };
}

beforeAll(async () => {
  team = await makeTeam(db());
  const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
  const actor = { id: owner.id, ip: "203.0.113.4" };
  const ids: number[] = [];
  for (const name of ["reflection.pdf", "Siân’s certificate.pdf"]) {
    const bytes = crypto.randomBytes(700 + ids.length * 900);
    uploaded.push(bytes);
    ids.push(
      (
        await storeAttachment(
          db(),
          env().DATA_DIR,
          {
            ownerId: owner.id,
            pcnId: owner.pcnId,
            checked: { ok: true, kind: "pdf", mime: "application/pdf", safeName: name },
            bytes,
          },
          actor,
        )
      ).id,
    );
  }
  const evidenceId = await createEvidence(
    db(),
    owner,
    {
      title: "Group session",
      activityDate: "2026-02-02",
      type: "reflective-account",
      whatHappened: "a",
      whatLearned: "b",
      whatNext: "c",
      competencyIds: ["pc-1"],
      attachmentIds: [ids[0]!],
      patientDataFindings: null,
    },
    "2026.1",
    actor,
  );
  await moveEvidence(db(), evidenceId, { action: "submit", as: "owner", pcnId: owner.pcnId }, actor);
  await moveEvidence(
    db(),
    evidenceId,
    { action: "accept", as: "reviewer", pcnId: owner.pcnId },
    { id: team.supervisor.id, ip: null },
  );
  await recordSignoff(
    db(),
    {
      userId: owner.id,
      pcnId: owner.pcnId,
      competencyId: "pc-1",
      action: "sign-off",
      comment: "Well evidenced",
      frameworkVersion: "2026.1",
    },
    { id: team.supervisor.id, ip: null },
  );
  await makeTraining(db(), owner, "information-governance", { attachmentId: ids[1]! });
  await makeCpd(db(), owner, { competencyIds: ["pc-1", "pc-2"] });
  await makeCpd(db(), owner);
  await makeMeeting(db(), owner, team.supervisor.id);
  await db()
    .insertInto("login_failures")
    .values({ key: `account:${team.coordinator.email}`, at_ms: Date.now() })
    .execute();
  const admin = await makePerson(db(), { roles: ["admin"], jobRole: null });
  adminId = admin.id;
  const other = await makeTeam(db());
  const people = {
    admin: admin.id,
    self: team.coordinator.id,
    lead: team.lead.id,
    supervisor: team.supervisor.id,
    colleague: team.colleague.id,
    otherLead: other.lead.id,
  };
  for (const [role, id] of Object.entries(people)) cookies[role] = await cookieFor(id);
});

describe("subject access export", () => {
  it("holds every record about the person, as counted independently, and their files byte for byte", async () => {
    const id = team.coordinator.id;
    await runNotifications(getDb(), { mail: null });
    const expected = {
      evidence: count("SELECT count(*) FROM evidence_items WHERE owner_id = ?", id),
      evidenceVersions: count(
        "SELECT count(*) FROM evidence_versions WHERE evidence_id IN (SELECT id FROM evidence_items WHERE owner_id = ?)",
        id,
      ),
      evidenceReviews: count(
        "SELECT count(*) FROM evidence_reviews WHERE evidence_id IN (SELECT id FROM evidence_items WHERE owner_id = ?) OR actor_id = ?",
        id,
        id,
      ),
      competencySignoffs: count("SELECT count(*) FROM competency_signoffs WHERE user_id = ? OR actor_id = ?", id, id),
      trainingRecords: count("SELECT count(*) FROM training_records WHERE user_id = ?", id),
      cpdEntries: count("SELECT count(*) FROM cpd_entries WHERE user_id = ?", id),
      cpdEntryCompetencies: count(
        "SELECT count(*) FROM cpd_entry_competencies WHERE cpd_id IN (SELECT id FROM cpd_entries WHERE user_id = ?)",
        id,
      ),
      supervisionMeetings: count(
        "SELECT count(*) FROM supervision_meetings WHERE staff_id = ? OR supervisor_id = ?",
        id,
        id,
      ),
      supervisionArrangements: count(
        "SELECT count(*) FROM supervision_arrangements WHERE staff_id = ? OR person_id = ?",
        id,
        id,
      ),
      attachments: count("SELECT count(*) FROM attachments WHERE owner_id = ?", id),
      sessions: count("SELECT count(*) FROM sessions WHERE user_id = ?", id),
      notifications: count("SELECT count(*) FROM notices WHERE recipient_id = ?", id),
      failedSignIns: count("SELECT count(*) FROM login_failures WHERE key = ?", `account:${team.coordinator.email}`),
    };
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const auditRows = count(
      "SELECT count(*) FROM audit_log WHERE actor_id = ? OR (entity = 'user' AND entity_id = ?)",
      id,
      String(id),
    );

    const { response, dir, data } = await fetchArchive(id, cookies.self!);
    expect(response.headers.get("Content-Type")).toBe("application/x-tar");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    for (const [key, n] of Object.entries(expected)) expect(data[key], key).toHaveLength(n);
    expect(data.auditTrail).toHaveLength(auditRows); // the export's own audit row is written before the archive is built
    expect(data.person).toMatchObject({
      name: team.coordinator.name,
      email: team.coordinator.email,
      active: true,
      password_set: true,
      roles: ["coordinator"],
    });
    expect(JSON.stringify(data)).not.toMatch(/password_hash|totp_secret|scrypt/);
    const files = data.attachments.map(
      (a: { archive_path: string }) => new Uint8Array(fs.readFileSync(path.join(dir, a.archive_path))),
    );
    expect(files).toEqual(uploaded.map((b) => new Uint8Array(b)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is audited, naming who downloaded whose data", async () => {
    const byAdmin = () =>
      count(
        "SELECT count(*) FROM audit_log WHERE action = 'export-personal-data' AND entity_id = ? AND actor_id = ?",
        String(team.coordinator.id),
        adminId,
      );
    expect(byAdmin()).toBe(0);
    const { dir } = await fetchArchive(team.coordinator.id, cookies.admin!);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(byAdmin()).toBe(1);
  });

  it("is for the person and administrators; leads, supervisors, colleagues and guessed ids get a 404", async () => {
    const id = String(team.coordinator.id);
    for (const role of ["lead", "supervisor", "colleague", "otherLead"]) {
      expect(
        (
          await load(download.loader, `/people/${id}/personal-data.tar`, {
            cookie: cookies[role],
            params: { personId: id },
          })
        ).status,
        role,
      ).toBe(404);
    }
    expect(
      (
        await load(download.loader, "/people/999999/personal-data.tar", {
          cookie: cookies.admin,
          params: { personId: "999999" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await load(download.loader, `/people/${id}/personal-data.tar`, { params: { personId: id } })).location,
    ).toMatch(/^\/sign-in/);
    expect(
      (
        await load(download.loader, `/people/${team.lead.id}/personal-data.tar`, {
          cookie: cookies.lead,
          params: { personId: String(team.lead.id) },
        })
      ).status,
    ).toBe(200);
  });
});
