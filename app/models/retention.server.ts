/**
 * Keeping personal data no longer than needed (ADR 0010): the routine purge of sign-in failures, dead sessions and
 * uploads linked to nothing, and the purge of a leaver's records once their retention period has passed.
 */
import fs from "node:fs";
import path from "node:path";
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from "kysely";
import { textPosition } from "../../db/dialect";
import type { Database } from "../../db/schema";
import type { AuditEntity, PurgeCount } from "~/domain/vocabulary";
import { nowIso } from "~/lib/time.server";
import { attachmentPath } from "./attachment.server";
import { type Executor, writeAudit } from "./audit.server";
import { purgeDevelopment } from "./development-records.server";
import { purgeInduction } from "./induction.server";
import type { Actor } from "./user.server";

const DAY_MS = 86_400_000;
/** An upload writes its file a moment before its row: files younger than this may be on their way to a row. */
const FILE_GRACE_MS = 3_600_000;
/** What a purged person is called wherever other people's records still name them. */
export const REMOVED_PERSON_NAME = "Removed person";

export interface RetentionPeriods {
  signInFailuresDays: number;
  endedSessionsDays: number;
  unlinkedUploadsDays: number;
  /** The session idle limit: a session unused this long has ended. */
  sessionIdleMinutes: number;
}

export type RoutinePurgeReport = Record<
  Extract<PurgeCount, "signInFailures" | "sessions" | "unlinkedUploads" | "files">,
  number
>;

const count = (results: { numDeletedRows?: bigint; numUpdatedRows?: bigint }[]) =>
  results.reduce((n, r) => n + Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n), 0);
const isoBefore = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

type AuditWhere = (eb: ExpressionBuilder<Database, "audit_log">) => Expression<SqlBool>;

/**
 * Clears personal data from audit rows, keeping who did what to which record and when (ADR 0010): the whole
 * payload of rows about purged records, or only the address of rows about other people's records.
 */
async function redactAudit(
  trx: Transaction<Database>,
  where: AuditWhere,
  at: string,
  keep: "nothing" | "payload" = "nothing",
): Promise<number> {
  const cleared = keep === "payload" ? { ip: null } : { before_json: null, after_json: null, ip: null };
  const result = await trx
    .updateTable("audit_log")
    .set({ ...cleared, redacted_at: at })
    .where(where)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const aboutRecords =
  (records: { entity: AuditEntity; ids: number[] }[]): AuditWhere =>
  (eb) =>
    eb.or(
      records
        .filter((r) => r.ids.length)
        .map((r) => eb.and([eb("entity", "=", r.entity), eb("entity_id", "in", r.ids.map(String))])),
    );

/** Deletes stored files no attachment row names any more (the same file may belong to several rows). */
async function deleteUnreferencedFiles(db: Executor, dataDir: string, shas: string[]): Promise<number> {
  let deleted = 0;
  for (const sha of new Set(shas)) {
    const still = await db.selectFrom("attachments").select("id").where("sha256", "=", sha).executeTakeFirst();
    if (still) continue;
    try {
      fs.unlinkSync(attachmentPath(dataDir, sha));
      deleted += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return deleted;
}

/** Files left by a crash between writing a file and recording it, or by a purge interrupted after its commit. */
async function deleteStrayFiles(db: Executor, dataDir: string, now: Date): Promise<number> {
  const root = path.join(path.resolve(dataDir), "attachments");
  if (!fs.existsSync(root)) return 0;
  const known = new Set(
    (await db.selectFrom("attachments").select("sha256").distinct().execute()).map((r) => r.sha256),
  );
  let deleted = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (!entry.isFile() || known.has(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (now.getTime() - fs.statSync(file).mtimeMs < FILE_GRACE_MS) continue;
    fs.unlinkSync(file);
    deleted += 1;
  }
  return deleted;
}

/** The routine purge (`npm run purge`, and daily when PURGE_DAILY is set). Returns what it removed. */
export async function purgeExpiredData(
  db: Executor,
  dataDir: string,
  periods: RetentionPeriods,
  now = new Date(),
): Promise<RoutinePurgeReport> {
  const at = now.toISOString();
  const { report, shas } = await db.transaction().execute(async (trx) => {
    const signInFailures = count(
      await trx
        .deleteFrom("login_failures")
        .where("at_ms", "<", now.getTime() - periods.signInFailuresDays * DAY_MS)
        .execute(),
    );
    const sessionsCutoff = isoBefore(now, periods.endedSessionsDays * DAY_MS);
    const sessions = count(
      await trx
        .deleteFrom("sessions")
        .where((eb) =>
          eb.or([
            eb("expires_at", "<", sessionsCutoff),
            eb(
              "last_seen_at",
              "<",
              isoBefore(now, periods.endedSessionsDays * DAY_MS + periods.sessionIdleMinutes * 60_000),
            ),
          ]),
        )
        .execute(),
    );
    const unlinked = await trx
      .selectFrom("attachments")
      .select(["id", "sha256"])
      .where("created_at", "<", isoBefore(now, periods.unlinkedUploadsDays * DAY_MS))
      .where("id", "not in", (eb) => eb.selectFrom("evidence_version_attachments").select("attachment_id"))
      .where("id", "not in", (eb) =>
        eb
          .selectFrom("training_records")
          .select("attachment_id")
          .where("attachment_id", "is not", null)
          .$castTo<number>(),
      )
      .execute();
    if (unlinked.length)
      await trx
        .deleteFrom("attachments")
        .where(
          "id",
          "in",
          unlinked.map((u) => u.id),
        )
        .execute();
    if (unlinked.length)
      await redactAudit(trx, aboutRecords([{ entity: "attachment", ids: unlinked.map((u) => u.id) }]), at);
    const report = { signInFailures, sessions, unlinkedUploads: unlinked.length, files: 0 };
    await writeAudit(trx, {
      actorId: null,
      pcnId: null,
      entity: "retention",
      entityId: "routine",
      action: "purge",
      after: report,
    });
    return { report, shas: unlinked.map((u) => u.sha256) };
  });
  report.files = (await deleteUnreferencedFiles(db, dataDir, shas)) + (await deleteStrayFiles(db, dataDir, now));
  return report;
}

export interface LeaverStatus {
  purgeable: boolean;
  reason: "ready" | "active" | "purged" | "retained";
  /** When the retention period ends (or ended), for someone deactivated. */
  until: string | null;
}

/** Whether a person's records may be purged now: deactivated, and their retention period since then has passed. */
export async function leaverStatus(
  db: Executor,
  personId: number,
  retainDays: number,
  now = new Date(),
): Promise<LeaverStatus | null> {
  const row = await db
    .selectFrom("users")
    .select(["active", "deactivated_at", "purged_at", "updated_at"])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.purged_at) return { purgeable: false, reason: "purged", until: null };
  if (row.active === 1) return { purgeable: false, reason: "active", until: null };
  const until = new Date(Date.parse(row.deactivated_at ?? row.updated_at) + retainDays * DAY_MS);
  const ready = until.getTime() <= now.getTime();
  return { purgeable: ready, reason: ready ? "ready" : "retained", until: until.toISOString() };
}

export type PersonPurgeReport = Record<Exclude<PurgeCount, "unlinkedUploads">, number>;

const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id);

/**
 * Purges a leaver's records: their portfolio (evidence, reviews of it, sign-offs, training, CPD, supervision
 * meetings as the supervisee, their own arrangements), their files, sessions, credentials and sign-in failures.
 * The user row stays, emptied and named "Removed person", because other people's records (sign-offs they gave,
 * meetings they held) and the audit trail refer to it by id. Audit rows about the purged records lose their
 * payload; rows of things they did to others lose their address. One audit row records the purge, with counts only.
 */
export async function purgePerson(
  db: Executor,
  dataDir: string,
  personId: number,
  retainDays: number,
  actor: Actor,
  now = new Date(),
): Promise<PersonPurgeReport | null> {
  const at = now.toISOString();
  const outcome = await db.transaction().execute(async (trx) => {
    const status = await leaverStatus(trx, personId, retainDays, now);
    if (!status?.purgeable) return null;
    const person = await trx
      .selectFrom("users")
      .select(["email_key", "pcn_id"])
      .where("id", "=", personId)
      .executeTakeFirstOrThrow();
    // Marked purged first: the sign-off guard lets a purged person's sign-offs go, and nobody else's.
    await trx
      .updateTable("users")
      .set({
        purged_at: at,
        updated_at: nowIso(),
        name: REMOVED_PERSON_NAME,
        email: `removed-${personId}@invalid`,
        email_key: `removed-${personId}@invalid`,
        pcn_id: null,
        job_role: null,
        fte: null,
        start_date: null,
        password_hash: null,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        staff_number: null,
      })
      .where("id", "=", personId)
      .execute();

    const evidenceIds = idsOf(
      await trx.selectFrom("evidence_items").select("id").where("owner_id", "=", personId).execute(),
    );
    const versionIds = evidenceIds.length
      ? idsOf(await trx.selectFrom("evidence_versions").select("id").where("evidence_id", "in", evidenceIds).execute())
      : [];
    const cpdIds = idsOf(await trx.selectFrom("cpd_entries").select("id").where("user_id", "=", personId).execute());
    const trainingIds = idsOf(
      await trx.selectFrom("training_records").select("id").where("user_id", "=", personId).execute(),
    );
    const meetingIds = idsOf(
      await trx.selectFrom("supervision_meetings").select("id").where("staff_id", "=", personId).execute(),
    );
    const arrangementIds = idsOf(
      await trx.selectFrom("supervision_arrangements").select("id").where("staff_id", "=", personId).execute(),
    );
    const attachments = await trx
      .selectFrom("attachments")
      .select(["id", "sha256"])
      .where("owner_id", "=", personId)
      .execute();

    const none = [-1];
    const report: PersonPurgeReport = {
      evidenceItems: evidenceIds.length,
      evidenceVersions: versionIds.length,
      evidenceReviews: 0,
      signoffs: 0,
      trainingRecords: trainingIds.length,
      cpdEntries: cpdIds.length,
      supervisionMeetings: meetingIds.length,
      ratings: 0,
      goals: 0,
      inductionItems: 0,
      appraisals: 0,
      arrangements: arrangementIds.length,
      attachments: attachments.length,
      files: 0,
      sessions: 0,
      credentials: 0,
      signInFailures: 0,
      auditRowsRedacted: 0,
    };
    await trx
      .deleteFrom("evidence_version_competencies")
      .where("version_id", "in", versionIds.length ? versionIds : none)
      .execute();
    await trx
      .deleteFrom("evidence_version_attachments")
      .where("version_id", "in", versionIds.length ? versionIds : none)
      .execute();
    report.evidenceReviews = count(
      await trx
        .deleteFrom("evidence_reviews")
        .where("evidence_id", "in", evidenceIds.length ? evidenceIds : none)
        .execute(),
    );
    await trx
      .deleteFrom("evidence_versions")
      .where("id", "in", versionIds.length ? versionIds : none)
      .execute();
    await trx.deleteFrom("evidence_items").where("owner_id", "=", personId).execute();
    report.signoffs = count(await trx.deleteFrom("competency_signoffs").where("user_id", "=", personId).execute());
    await trx.deleteFrom("training_records").where("user_id", "=", personId).execute();
    await trx
      .deleteFrom("cpd_entry_competencies")
      .where("cpd_id", "in", cpdIds.length ? cpdIds : none)
      .execute();
    await trx.deleteFrom("cpd_entries").where("user_id", "=", personId).execute();
    const development = await purgeDevelopment(trx, personId);
    Object.assign(report, development.counts);
    const induction = await purgeInduction(trx, personId);
    Object.assign(report, induction.counts);
    await trx.deleteFrom("supervision_meetings").where("staff_id", "=", personId).execute();
    await trx.deleteFrom("supervision_arrangements").where("staff_id", "=", personId).execute();
    await trx.deleteFrom("attachments").where("owner_id", "=", personId).execute();
    report.sessions = count(await trx.deleteFrom("sessions").where("user_id", "=", personId).execute());
    report.credentials =
      count(await trx.deleteFrom("recovery_codes").where("user_id", "=", personId).execute()) +
      count(await trx.deleteFrom("password_tokens").where("user_id", "=", personId).execute()) +
      count(await trx.deleteFrom("identities").where("user_id", "=", personId).execute()) +
      count(await trx.deleteFrom("identity_link_tokens").where("user_id", "=", personId).execute()) +
      count(await trx.deleteFrom("sign_in_requests").where("user_id", "=", personId).execute());
    await trx.deleteFrom("user_roles").where("user_id", "=", personId).execute();
    // Notifications to them, and about them to others (they name the person).
    await trx
      .deleteFrom("notices")
      .where((eb) => eb.or([eb("recipient_id", "=", personId), eb("subject_id", "=", personId)]))
      .execute();
    report.signInFailures = count(
      await trx
        .deleteFrom("login_failures")
        .where((eb) =>
          eb.or([
            eb("key", "=", `second-factor:${personId}`),
            eb(textPosition(sql.ref("key"), sql.val(person.email_key)), ">", 0),
          ]),
        )
        .execute(),
    );

    const records = aboutRecords([
      { entity: "user", ids: [personId] },
      { entity: "evidence", ids: evidenceIds },
      { entity: "cpd", ids: cpdIds },
      { entity: "training", ids: trainingIds },
      { entity: "supervision_meeting", ids: meetingIds },
      { entity: "supervision_arrangement", ids: arrangementIds },
      { entity: "attachment", ids: idsOf(attachments) },
      ...development.records,
      ...induction.records,
    ]);
    report.auditRowsRedacted =
      (await redactAudit(
        trx,
        (eb) =>
          eb.or([records(eb), eb.and([eb("entity", "=", "competency"), eb("entity_id", "like", `${personId}:%`)])]),
        at,
      )) +
      // What they did to other people's records stays, as it happened, without the address they did it from.
      (await redactAudit(
        trx,
        (eb) => eb.and([eb("actor_id", "=", personId), eb("ip", "is not", null)]),
        at,
        "payload",
      ));
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: person.pcn_id,
      entity: "user",
      entityId: personId,
      action: "purge",
      after: report,
      ip: actor.ip,
    });
    return { report, shas: attachments.map((a) => a.sha256) };
  });
  if (!outcome) return null;
  outcome.report.files = await deleteUnreferencedFiles(db, dataDir, outcome.shas);
  return outcome.report;
}
