/**
 * Subject access (UK GDPR article 15): everything Care Portfolio holds about one person, as JSON plus the files
 * they uploaded. Secrets that would let someone act as them (password and code hashes, the two-step secret,
 * session tokens) are not data about them and are left out; the export says whether each is set instead.
 */
import fs from "node:fs";
import { sql } from "kysely";
import { textPosition } from "../../db/dialect";
import type { TarEntry } from "~/domain/tar";
import { developmentHeldAbout } from "./development-records.server";
import { inductionHeldAbout } from "./induction.server";
import { attachmentPath } from "./attachment.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

const SECRET_COLUMNS = new Set([
  "password_hash",
  "totp_secret",
  "totp_last_step",
  "code_hash",
  "token_hash",
  "id_hash",
]);
const FLAG_COLUMNS = new Set(["active", "totp_enabled", "mfa_pending", "patient_concerns", "safeguarding_concerns"]);

/** A stored row as exported: secrets out, 0/1 flags as true/false, stored JSON text as JSON. */
function exported(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (SECRET_COLUMNS.has(key)) continue;
    if (FLAG_COLUMNS.has(key)) out[key] = value === 1;
    else if (key.endsWith("_json") && typeof value === "string") out[key.slice(0, -5)] = JSON.parse(value);
    else out[key] = value;
  }
  return out;
}

const all = (rows: Record<string, unknown>[]) => rows.map(exported);

export interface PersonalDataExport {
  data: Record<string, unknown>;
  files: { archiveName: string; sha256: string }[];
}

/** Gathers every record about a person; null when there is no such person. */
export async function gatherPersonalData(db: Executor, personId: number): Promise<PersonalDataExport | null> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", personId).executeTakeFirst();
  if (!user) return null;
  const evidenceIds = (
    await db.selectFrom("evidence_items").select("id").where("owner_id", "=", personId).execute()
  ).map((r) => r.id);
  const anyOf = (ids: number[]) => (ids.length ? ids : [-1]);
  const versions = await db
    .selectFrom("evidence_versions")
    .selectAll()
    .where("evidence_id", "in", anyOf(evidenceIds))
    .orderBy("id")
    .execute();
  const versionIds = anyOf(versions.map((v) => v.id));
  const cpd = await db.selectFrom("cpd_entries").selectAll().where("user_id", "=", personId).orderBy("id").execute();
  const attachments = await db
    .selectFrom("attachments")
    .selectAll()
    .where("owner_id", "=", personId)
    .orderBy("id")
    .execute();
  const files = attachments.map((a) => ({
    archiveName: `attachments/${a.id}-${asciiName(a.file_name)}`,
    sha256: a.sha256,
  }));

  const data = {
    exportedAt: new Date().toISOString(),
    about:
      "Everything Care Portfolio holds about this person. Files they uploaded are in the attachments folder of this archive.",
    person: {
      ...exported(user),
      password_set: user.password_hash !== null,
      roles: (await db.selectFrom("user_roles").select("role").where("user_id", "=", personId).execute()).map(
        (r) => r.role,
      ),
      pcn:
        (await db
          .selectFrom("pcns")
          .select(["id", "name", "ods_code"])
          .where("id", "=", user.pcn_id ?? -1)
          .executeTakeFirst()) ?? null,
    },
    supervisionArrangements: all(
      await db
        .selectFrom("supervision_arrangements")
        .selectAll()
        .where((eb) => eb.or([eb("staff_id", "=", personId), eb("person_id", "=", personId)]))
        .orderBy("id")
        .execute(),
    ),
    evidence: all(
      await db.selectFrom("evidence_items").selectAll().where("owner_id", "=", personId).orderBy("id").execute(),
    ),
    evidenceVersions: all(versions),
    evidenceVersionCompetencies: all(
      await db.selectFrom("evidence_version_competencies").selectAll().where("version_id", "in", versionIds).execute(),
    ),
    evidenceVersionAttachments: all(
      await db.selectFrom("evidence_version_attachments").selectAll().where("version_id", "in", versionIds).execute(),
    ),
    evidenceReviews: all(
      await db
        .selectFrom("evidence_reviews")
        .selectAll()
        .where((eb) => eb.or([eb("evidence_id", "in", anyOf(evidenceIds)), eb("actor_id", "=", personId)]))
        .orderBy("id")
        .execute(),
    ),
    competencySignoffs: all(
      await db
        .selectFrom("competency_signoffs")
        .selectAll()
        .where((eb) => eb.or([eb("user_id", "=", personId), eb("actor_id", "=", personId)]))
        .orderBy("id")
        .execute(),
    ),
    trainingRecords: all(
      await db.selectFrom("training_records").selectAll().where("user_id", "=", personId).orderBy("id").execute(),
    ),
    cpdEntries: all(cpd),
    cpdEntryCompetencies: all(
      await db
        .selectFrom("cpd_entry_competencies")
        .selectAll()
        .where("cpd_id", "in", anyOf(cpd.map((c) => c.id)))
        .execute(),
    ),
    supervisionMeetings: all(
      await db
        .selectFrom("supervision_meetings")
        .selectAll()
        .where((eb) => eb.or([eb("staff_id", "=", personId), eb("supervisor_id", "=", personId)]))
        .orderBy("id")
        .execute(),
    ),
    ...(await developmentHeldAbout(db, personId)),
    ...(await inductionHeldAbout(db, personId)),
    attachments: attachments.map((a, i) => ({ ...exported(a), archive_path: files[i]!.archiveName })),
    notifications: all(
      await db.selectFrom("notices").selectAll().where("recipient_id", "=", personId).orderBy("id").execute(),
    ),
    sessions: all(
      await db.selectFrom("sessions").selectAll().where("user_id", "=", personId).orderBy("created_at").execute(),
    ),
    recoveryCodes: all(
      await db.selectFrom("recovery_codes").selectAll().where("user_id", "=", personId).orderBy("id").execute(),
    ),
    setPasswordLinks: all(
      await db
        .selectFrom("password_tokens")
        .selectAll()
        .where("user_id", "=", personId)
        .orderBy("created_at")
        .execute(),
    ),
    linkedNhsAccounts: all(
      await db.selectFrom("identities").selectAll().where("user_id", "=", personId).orderBy("id").execute(),
    ),
    failedSignIns: all(
      await db
        .selectFrom("login_failures")
        .selectAll()
        .where((eb) =>
          eb.or([
            eb("key", "=", `second-factor:${personId}`),
            eb(textPosition(sql.ref("key"), sql.val(user.email_key)), ">", 0),
          ]),
        )
        .orderBy("id")
        .execute(),
    ),
    auditTrail: all(
      await db
        .selectFrom("audit_log")
        .selectAll()
        .where((eb) =>
          eb.or([
            eb("actor_id", "=", personId),
            eb.and([eb("entity", "=", "user"), eb("entity_id", "=", String(personId))]),
          ]),
        )
        .orderBy("id")
        .execute(),
    ),
  };
  return { data, files };
}

/** A file name safe inside a tar header: ASCII, no folders, short enough. */
function asciiName(name: string): string {
  const safe = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/[/\\"]/g, "_")
    .trim();
  return (safe || "file").slice(-70);
}

/** The archive's entries, read one file at a time as the download proceeds. */
export function* personalDataEntries(exportData: PersonalDataExport, dataDir: string): Generator<TarEntry> {
  const modified = new Date();
  yield {
    name: "personal-data.json",
    bytes: new TextEncoder().encode(JSON.stringify(exportData.data, null, 2)),
    modified,
  };
  for (const file of exportData.files)
    yield { name: file.archiveName, bytes: fs.readFileSync(attachmentPath(dataDir, file.sha256)), modified };
}

export async function auditPersonalDataExport(
  db: Executor,
  person: { id: number; pcnId: number | null },
  files: number,
  actor: Actor,
) {
  await db.transaction().execute((trx) =>
    writeAudit(trx, {
      actorId: actor.id,
      pcnId: person.pcnId,
      entity: "user",
      entityId: person.id,
      action: "export-personal-data",
      after: { files },
      ip: actor.ip,
    }),
  );
}
