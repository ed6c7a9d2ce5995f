/**
 * The server's own schedule (server/jobs.ts): with BACKUP_EVERY_HOURS set it takes verified backups and keeps
 * BACKUP_KEEP; with PURGE_DAILY it runs the retention purge at start. Runs the built server; needs a build.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { expect } from "vitest";
import { itOnSqliteFile } from "./database-kind";
import { verifyBackup } from "../../db/backup";
import { prepareDataFolder, startServer } from "../../scripts/lib/live-server";
import { afterTheBuild } from "../support/build";

afterTheBuild();

itOnSqliteFile(
  "takes backups on a schedule, keeps the newest, and purges at start",
  async () => {
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-scheduled-"));
    // A backup about every second and a half, keeping two.
    const folder = prepareDataFolder("care-portfolio-jobs-", {
      BACKUP_DIR: backupDir,
      BACKUP_EVERY_HOURS: "0.0004",
      BACKUP_KEEP: "2",
      PURGE_DAILY: "1",
    });
    const server = await startServer(folder);
    const backups = () => fs.readdirSync(backupDir).filter((n) => n.startsWith("care-portfolio-"));
    try {
      const deadline = Date.now() + 40_000;
      while (backups().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      await new Promise((r) => setTimeout(r, 4000)); // a few more rounds, to see the old ones go
    } finally {
      await server.stop();
    }
    // Checked with the server stopped, so no backup is pruned while it is being verified.
    const kept = backups();
    expect(kept).toHaveLength(2);
    for (const name of kept) expect(() => verifyBackup(path.join(backupDir, name))).not.toThrow();
    const db = new SQLite(folder.databasePath, { readonly: true });
    expect(
      db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'retention' AND action = 'purge'").pluck().get(),
    ).toBe(1);
    db.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
    fs.rmSync(folder.dir, { recursive: true, force: true });
  },
  90_000,
);
