import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { CheckedUpload } from "~/domain/file-check";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

/**
 * Uploaded files live under the data directory, named by their SHA-256 and never by what the uploader called them,
 * outside anything the web server serves. The same content uploaded twice is stored once.
 */
export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(path.resolve(dataDir), "attachments", sha256.slice(0, 2), sha256);
}

function writeOnce(file: string, bytes: Uint8Array) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a crash never leaves half a file under the final name.
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temp, bytes, { flag: "wx" });
  fs.renameSync(temp, file);
}

export interface StoredAttachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Stores a file that has passed the upload checks and records it for its owner. */
export async function storeAttachment(
  db: Executor,
  dataDir: string,
  input: { ownerId: number; pcnId: number | null; checked: CheckedUpload; bytes: Uint8Array },
  actor: Actor,
): Promise<StoredAttachment> {
  const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
  writeOnce(attachmentPath(dataDir, sha256), input.bytes);
  // The same file under the same name chosen again (say after a form error kept it selected) is the attachment
  // already there, not a second copy.
  const existing = await db
    .selectFrom("attachments")
    .select(["id", "file_name as fileName", "mime", "size", "sha256"])
    .where("owner_id", "=", input.ownerId)
    .where("sha256", "=", sha256)
    .where("file_name", "=", input.checked.safeName)
    .executeTakeFirst();
  if (existing) return existing;
  const row = {
    owner_id: input.ownerId,
    sha256,
    file_name: input.checked.safeName,
    mime: input.checked.mime,
    size: input.bytes.byteLength,
    uploaded_by: actor.id ?? input.ownerId,
    created_at: nowIso(),
  };
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto("attachments").values(row).returning("id").executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: input.pcnId,
      entity: "attachment",
      entityId: inserted.id,
      action: "upload",
      after: { fileName: row.file_name, mime: row.mime, size: row.size, sha256 },
      ip: actor.ip,
    });
    return inserted.id;
  });
  return { id, fileName: row.file_name, mime: row.mime, size: row.size, sha256 };
}

export async function getAttachment(db: Executor, id: number) {
  return db
    .selectFrom("attachments")
    .select(["id", "owner_id as ownerId", "sha256", "file_name as fileName", "mime", "size"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Attachments the owner uploaded, so a form can only link files that are theirs. */
export async function ownedAttachmentIds(db: Executor, ownerId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("attachments")
    .select("id")
    .where("owner_id", "=", ownerId)
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Whether anyone but the owner may see this file: it backs a training record, or a version of evidence the owner
 * has submitted. A file only in an unsubmitted draft, or uploaded and never saved, is the owner's alone.
 */
export async function isSharedAttachment(db: Executor, attachmentId: number): Promise<boolean> {
  const training = await db
    .selectFrom("training_records")
    .select("id")
    .where("attachment_id", "=", attachmentId)
    .executeTakeFirst();
  if (training) return true;
  const submitted = await db
    .selectFrom("evidence_version_attachments as eva")
    .innerJoin("evidence_versions as v", "v.id", "eva.version_id")
    .select("v.id")
    .where("eva.attachment_id", "=", attachmentId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("evidence_reviews as r")
          .select("r.id")
          .whereRef("r.evidence_id", "=", "v.evidence_id")
          .where("r.action", "=", "submit")
          .whereRef("r.version", ">=", "v.version"),
      ),
    )
    .executeTakeFirst();
  return Boolean(submitted);
}
