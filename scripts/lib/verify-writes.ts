/** Checks, straight from the database file and the data folder, that every acknowledged write is there. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Acknowledged } from "./portfolio-client";

/** What is missing, in words; empty when every acknowledged write and its file are present and intact. */
export function missingWrites(folder: { databasePath: string; dir: string }, ack: Acknowledged): string[] {
  // Opened read-write so a write-ahead log left by a killed server is recovered, as the app would on start.
  const db = new SQLite(folder.databasePath, { fileMustExist: true });
  const problems: string[] = [];
  try {
    const integrity = db.prepare("PRAGMA integrity_check").pluck().all() as string[];
    if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.join("; ")}`);
    const evidence = db.prepare(
      `SELECT count(*) FROM evidence_versions v JOIN evidence_version_attachments va ON va.version_id = v.id
       JOIN attachments a ON a.id = va.attachment_id WHERE v.title = ? AND a.sha256 = ?`,
    );
    for (const e of ack.evidence) {
      if (!evidence.pluck().get(e.title, e.sha256))
        problems.push(`evidence "${e.title}" or its attachment row is missing`);
      const file = path.join(folder.dir, "attachments", e.sha256.slice(0, 2), e.sha256);
      if (!fs.existsSync(file)) problems.push(`the file of "${e.title}" is missing`);
      else if (crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex") !== e.sha256)
        problems.push(`the file of "${e.title}" is damaged`);
    }
    const cpd = db.prepare("SELECT count(*) FROM cpd_entries WHERE activity = ?");
    for (const activity of ack.cpd) if (!cpd.pluck().get(activity)) problems.push(`CPD entry "${activity}" is missing`);
    const signoff = db.prepare("SELECT count(*) FROM competency_signoffs WHERE comment = ?");
    for (const comment of ack.signoffs)
      if (!signoff.pluck().get(comment)) problems.push(`sign-off "${comment}" is missing`);
  } finally {
    db.close();
  }
  return problems;
}
