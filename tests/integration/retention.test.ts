/**
 * Retention (ADR 0010): the routine purge and the purge of a leaver's records, each checked against counts taken
 * with the test's own SQL before and after, plus who may purge (administrators only; everyone else and guessed
 * ids get a 404).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { attachmentPath, storeAttachment } from "~/models/attachment.server";
import { createEvidence, moveEvidence } from "~/models/evidence.server";
import { purgeExpiredData, purgePerson } from "~/models/retention.server";
import { recordSignoff } from "~/models/signoff.server";
import { startSession } from "~/models/session.server";
import { setActive } from "~/models/user.server";
import * as purgePage from "~/routes/people.$personId.purge";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { makeCpd, makeMeeting, makeTraining } from "../../scripts/lib/factories/compliance";
import { cookieFor, load, submit } from "./harness";
import { count } from "./independent-count";

const DAY = 86_400_000;
const NOW = new Date();
const db = () => getDb();

async function upload(owner: { id: number; pcnId: number | null }, content: string, name = "certificate.pdf") {
  const bytes = new TextEncoder().encode(content);
  return storeAttachment(
    db(),
    env().DATA_DIR,
    {
      ownerId: owner.id,
      pcnId: owner.pcnId,
      checked: { ok: true, kind: "pdf", mime: "application/pdf", safeName: name },
      bytes,
    },
    { id: owner.id, ip: "203.0.113.9" },
  );
}

/** A coordinator with a full portfolio: evidence with a file, reviewed and signed off, training, CPD, meetings, sessions. */
async function leaverWithRecords(team: Awaited<ReturnType<typeof makeTeam>>) {
  const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
  const actor = { id: owner.id, ip: "203.0.113.9" };
  const evidenceFile = await upload(owner, `evidence ${crypto.randomUUID()}`);
  const shared = await upload(owner, "the same bytes a colleague also uploaded");
  await upload({ id: team.colleague.id, pcnId: team.pcn.id }, "the same bytes a colleague also uploaded");
  const evidence = {
    title: "Home visit with Mrs Ŵ",
    activityDate: "2026-03-02",
    type: "reflective-account",
    whatHappened: "a",
    whatLearned: "b",
    whatNext: "c",
    competencyIds: ["pc-1", "pc-2"],
    attachmentIds: [evidenceFile.id, shared.id],
    patientDataFindings: null,
  };
  const evidenceId = await createEvidence(db(), owner, evidence, "2026.1", actor);
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
      comment: "Strong",
      frameworkVersion: "2026.1",
    },
    { id: team.supervisor.id, ip: null },
  );
  const certificate = await upload(owner, `certificate ${crypto.randomUUID()}`);
  await makeTraining(db(), owner, "information-governance", { attachmentId: certificate.id });
  await makeCpd(db(), owner, { competencyIds: ["pc-1"] });
  await makeMeeting(db(), owner, team.supervisor.id);
  await startSession(db(), {
    userId: owner.id,
    mfaPending: false,
    ip: "203.0.113.9",
    userAgent: "Firefox",
    maxHours: 12,
  });
  await db()
    .insertInto("login_failures")
    .values([
      { key: `account:${team.coordinator.email}`, at_ms: NOW.getTime() },
      { key: `second-factor:${owner.id}`, at_ms: NOW.getTime() },
    ])
    .execute();
  return { owner, files: [evidenceFile, shared, certificate] };
}

describe("purging a leaver's records", () => {
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let admin: { id: number };
  let leaver: Awaited<ReturnType<typeof leaverWithRecords>>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    team = await makeTeam(db());
    admin = await makePerson(db(), { roles: ["admin"], jobRole: null });
    leaver = await leaverWithRecords(team);
    const other = await makeTeam(db());
    for (const [role, id] of Object.entries({
      admin: admin.id,
      lead: team.lead.id,
      supervisor: team.supervisor.id,
      self: team.coordinator.id,
      otherLead: other.lead.id,
    }))
      cookies[role] = await cookieFor(id);
  });

  it("is for administrators only: leads, supervisors, the person and guessed ids get a 404", async () => {
    const id = String(team.coordinator.id);
    for (const role of ["lead", "supervisor", "self", "otherLead"]) {
      expect(
        (await load(purgePage.loader, `/people/${id}/purge`, { cookie: cookies[role], params: { personId: id } }))
          .status,
        role,
      ).toBe(404);
      expect(
        (
          await submit(
            purgePage.action,
            `/people/${id}/purge`,
            { confirm: "yes" },
            { cookie: cookies[role], params: { personId: id } },
          )
        ).status,
        role,
      ).toBe(404);
    }
    expect(
      (await load(purgePage.loader, "/people/999999/purge", { cookie: cookies.admin, params: { personId: "999999" } }))
        .status,
    ).toBe(404);
    expect((await load(purgePage.loader, `/people/${id}/purge`, { params: { personId: id } })).location).toMatch(
      /^\/sign-in/,
    );
    expect(count("SELECT purged_at IS NULL FROM users WHERE id = ?", team.coordinator.id)).toBe(1);
  });

  it("refuses while the person is active or within their retention period", async () => {
    expect(await purgePerson(db(), env().DATA_DIR, team.coordinator.id, 30, { id: admin.id })).toBeNull();
    await setActive(db(), team.coordinator.id, false, { id: admin.id });
    expect(await purgePerson(db(), env().DATA_DIR, team.coordinator.id, 30, { id: admin.id })).toBeNull();
    expect(count("SELECT count(*) FROM evidence_items WHERE owner_id = ?", team.coordinator.id)).toBe(1);
    const page = await load(purgePage.loader, `/people/${team.coordinator.id}/purge`, {
      cookie: cookies.admin,
      params: { personId: String(team.coordinator.id) },
    });
    expect(page.data.status).toMatchObject({ purgeable: false, reason: "retained" });
  });

  it("asks for confirmation, with the error on the field and nothing changed", async () => {
    await db()
      .updateTable("users")
      .set({ deactivated_at: new Date(NOW.getTime() - (env().RETAIN_LEAVERS_DAYS + 1) * DAY).toISOString() })
      .where("id", "=", team.coordinator.id)
      .execute();
    const id = String(team.coordinator.id);
    const refused = await submit(
      purgePage.action,
      `/people/${id}/purge`,
      {},
      { cookie: cookies.admin, params: { personId: id } },
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors.confirm).toMatch(/Confirm/);
    expect(count("SELECT count(*) FROM evidence_items WHERE owner_id = ?", team.coordinator.id)).toBe(1);
  });

  it("removes everything that was theirs, matching counts taken independently, and keeps others' records", async () => {
    const id = team.coordinator.id;
    await db().updateTable("users").set({ staff_number: "99887766" }).where("id", "=", id).execute();
    const before = {
      evidenceItems: count("SELECT count(*) FROM evidence_items WHERE owner_id = ?", id),
      evidenceVersions: count(
        "SELECT count(*) FROM evidence_versions v JOIN evidence_items e ON e.id = v.evidence_id WHERE e.owner_id = ?",
        id,
      ),
      evidenceReviews: count(
        "SELECT count(*) FROM evidence_reviews r JOIN evidence_items e ON e.id = r.evidence_id WHERE e.owner_id = ?",
        id,
      ),
      signoffs: count("SELECT count(*) FROM competency_signoffs WHERE user_id = ?", id),
      trainingRecords: count("SELECT count(*) FROM training_records WHERE user_id = ?", id),
      cpdEntries: count("SELECT count(*) FROM cpd_entries WHERE user_id = ?", id),
      supervisionMeetings: count("SELECT count(*) FROM supervision_meetings WHERE staff_id = ?", id),
      arrangements: count("SELECT count(*) FROM supervision_arrangements WHERE staff_id = ?", id),
      attachments: count("SELECT count(*) FROM attachments WHERE owner_id = ?", id),
      signInFailures: count(
        "SELECT count(*) FROM login_failures WHERE key IN (?, ?)",
        `account:${team.coordinator.email}`,
        `second-factor:${id}`,
      ),
    };
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const othersBefore = count("SELECT count(*) FROM attachments WHERE owner_id != ?", id);
    const auditBefore = count("SELECT count(*) FROM audit_log");

    const done = await submit(
      purgePage.action,
      `/people/${id}/purge`,
      { confirm: "yes" },
      { cookie: cookies.admin, params: { personId: String(id) } },
    );
    expect(done.status).toBe(200);
    expect(done.data.report).toMatchObject(before);
    // The shared file stays for the colleague; the other two are gone from disk.
    expect(done.data.report.files).toBe(2);
    expect(fs.existsSync(attachmentPath(env().DATA_DIR, leaver.files[1]!.sha256))).toBe(true);
    for (const f of [leaver.files[0]!, leaver.files[2]!])
      expect(fs.existsSync(attachmentPath(env().DATA_DIR, f.sha256))).toBe(false);

    for (const [table, column] of [
      ["evidence_items", "owner_id"],
      ["competency_signoffs", "user_id"],
      ["training_records", "user_id"],
      ["cpd_entries", "user_id"],
      ["supervision_meetings", "staff_id"],
      ["supervision_arrangements", "staff_id"],
      ["attachments", "owner_id"],
      ["sessions", "user_id"],
      ["user_roles", "user_id"],
      ["recovery_codes", "user_id"],
      ["password_tokens", "user_id"],
    ] as const) {
      expect(count(`SELECT count(*) FROM ${table} WHERE ${column} = ?`, id), table).toBe(0);
    }
    expect(
      count("SELECT count(*) FROM evidence_versions WHERE evidence_id NOT IN (SELECT id FROM evidence_items)"),
    ).toBe(0);
    expect(count("SELECT count(*) FROM attachments WHERE owner_id != ?", id)).toBe(othersBefore);
    // No trace of who they were: not in their row, not in any audit payload or address.
    const { name, email } = team.coordinator;
    expect(count("SELECT count(*) FROM users WHERE name = ? OR email = ?", name, email)).toBe(0);
    expect(count("SELECT count(*) FROM users WHERE staff_number = '99887766'")).toBe(0);
    expect(
      count(
        "SELECT count(*) FROM audit_log WHERE instr(coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0 OR instr(coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0",
        name,
        email,
      ),
    ).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE actor_id = ? AND ip IS NOT NULL", id)).toBe(0);
    // The trail itself is whole, plus one entry recording the purge with counts only.
    expect(count("SELECT count(*) FROM audit_log")).toBe(auditBefore + 1);
    const entry = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "purge")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(admin.id);
    expect(Object.keys(JSON.parse(entry.after_json!))).toEqual(Object.keys(done.data.report));
    // Their emptied row has no page any more; the purge page says it is done.
    const page = await load(purgePage.loader, `/people/${id}/purge`, {
      cookie: cookies.admin,
      params: { personId: String(id) },
    });
    expect(page.data.status.reason).toBe("purged");
  });

  it("keeps the append-only guards for everything but a redaction or a purged person's sign-offs", async () => {
    await expect(
      sql`UPDATE audit_log SET action = 'changed' WHERE id = (SELECT max(id) FROM audit_log)`.execute(db()),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`UPDATE audit_log SET after_json = '{"x":1}', redacted_at = 'now' WHERE id = (SELECT max(id) FROM audit_log)`.execute(
        db(),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db())).rejects.toThrow(/append-only/);
    const other = await makeTeam(db());
    await db()
      .insertInto("competency_signoffs")
      .values({
        user_id: other.coordinator.id,
        competency_id: "pc-1",
        framework_version: "2026.1",
        action: "sign-off",
        comment: "Good",
        actor_id: other.supervisor.id,
        at: NOW.toISOString(),
      })
      .execute();
    await expect(
      sql`DELETE FROM competency_signoffs WHERE user_id = ${other.coordinator.id}`.execute(db()),
    ).rejects.toThrow(/immutable/);
  });
});

describe("the routine purge", () => {
  it("removes old sign-in failures, dead sessions, unlinked uploads and stray files, and nothing else", async () => {
    const team = await makeTeam(db());
    const owner = { id: team.colleague.id, pcnId: team.pcn.id };
    const periods = { signInFailuresDays: 30, endedSessionsDays: 30, unlinkedUploadsDays: 7, sessionIdleMinutes: 30 };
    const old = (days: number) => new Date(NOW.getTime() - days * DAY);
    await db()
      .insertInto("login_failures")
      .values([
        { key: "account:typed@wrong.example", at_ms: old(31).getTime() },
        { key: "address:198.51.100.7", at_ms: old(31).getTime() },
        { key: "account:typed@wrong.example", at_ms: old(1).getTime() },
      ])
      .execute();
    await startSession(db(), { userId: owner.id, mfaPending: false, ip: "198.51.100.7", maxHours: 12 }, old(40)); // expired long ago
    await startSession(db(), { userId: owner.id, mfaPending: false, ip: "198.51.100.7", maxHours: 24 * 60 }, old(40)); // idle for 40 days
    await startSession(db(), { userId: owner.id, mfaPending: false, maxHours: 12 }, old(0)); // live
    const unlinkedOld = await upload(owner, `unlinked ${crypto.randomUUID()}`);
    const unlinkedNew = await upload(owner, `unlinked new ${crypto.randomUUID()}`);
    const linkedOld = await upload(owner, `linked ${crypto.randomUUID()}`);
    await makeTraining(db(), owner, "information-governance", { attachmentId: linkedOld.id });
    await db()
      .updateTable("attachments")
      .set({ created_at: old(8).toISOString() })
      .where("id", "in", [unlinkedOld.id, linkedOld.id])
      .execute();
    const stray = attachmentPath(env().DATA_DIR, "ab".padEnd(64, "0"));
    const fresh = attachmentPath(env().DATA_DIR, "ac".padEnd(64, "0"));
    for (const file of [stray, fresh]) {
      fs.mkdirSync(fs.realpathSync(env().DATA_DIR) + "/attachments/" + file.split("/").at(-2), { recursive: true });
      fs.writeFileSync(file, "left by a crash");
    }
    fs.utimesSync(stray, old(1), old(1));

    const cutoff = (days: number) => old(days).toISOString();
    const expected = {
      signInFailures: count("SELECT count(*) FROM login_failures WHERE at_ms < ?", old(30).getTime()),
      sessions: count(
        "SELECT count(*) FROM sessions WHERE expires_at < ? OR last_seen_at < ?",
        cutoff(30),
        new Date(old(30).getTime() - 30 * 60_000).toISOString(),
      ),
      unlinkedUploads: count(
        "SELECT count(*) FROM attachments WHERE created_at < ? AND id NOT IN (SELECT attachment_id FROM evidence_version_attachments) AND id NOT IN (SELECT attachment_id FROM training_records WHERE attachment_id IS NOT NULL)",
        cutoff(7),
      ),
    };
    expect(expected).toEqual({ signInFailures: 2, sessions: 2, unlinkedUploads: 1 });
    const liveSessions = count("SELECT count(*) FROM sessions") - expected.sessions;
    const report = await purgeExpiredData(db(), env().DATA_DIR, periods, NOW);
    expect(report).toEqual({ ...expected, files: 2 });
    expect(count("SELECT count(*) FROM sessions")).toBe(liveSessions);
    expect(count("SELECT count(*) FROM attachments WHERE id IN (?, ?)", unlinkedNew.id, linkedOld.id)).toBe(2);
    expect(fs.existsSync(attachmentPath(env().DATA_DIR, unlinkedOld.sha256))).toBe(false);
    expect(fs.existsSync(attachmentPath(env().DATA_DIR, linkedOld.sha256))).toBe(true);
    expect([fs.existsSync(stray), fs.existsSync(fresh)]).toEqual([false, true]);
    const entry = await db()
      .selectFrom("audit_log")
      .select("after_json")
      .where("entity", "=", "retention")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toEqual({ ...expected, files: 0 });
    expect(await purgeExpiredData(db(), env().DATA_DIR, periods, NOW)).toEqual({
      signInFailures: 0,
      sessions: 0,
      unlinkedUploads: 0,
      files: 0,
    });
  });
});
