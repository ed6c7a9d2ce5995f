/** The routine purge and the backup as the scripts and the server's schedule run them, with the configured settings. */
import { databasePath } from "../../db/connection";
import { pruneBackups, takeBackup, type BackupResult } from "../../db/backup";
import { purgeExpiredData, type RoutinePurgeReport } from "~/models/retention.server";
import type { DB } from "~/lib/db.server";
import { env } from "~/lib/env.server";

export async function routinePurge(db: DB, now = new Date()): Promise<RoutinePurgeReport> {
  const settings = env();
  return purgeExpiredData(
    db,
    settings.DATA_DIR,
    {
      signInFailuresDays: settings.RETAIN_SIGN_IN_FAILURES_DAYS,
      endedSessionsDays: settings.RETAIN_ENDED_SESSIONS_DAYS,
      unlinkedUploadsDays: settings.RETAIN_UNLINKED_UPLOADS_DAYS,
      sessionIdleMinutes: settings.SESSION_IDLE_MINUTES,
    },
    now,
  );
}

export function describePurge(report: RoutinePurgeReport): string {
  return [
    `${report.signInFailures} failed sign-in records`,
    `${report.sessions} ended or expired sessions`,
    `${report.unlinkedUploads} uploads linked to nothing`,
    `${report.files} stored files no longer used`,
  ].join(", ");
}

/** A backup into BACKUP_DIR, then old ones beyond BACKUP_KEEP removed. */
export async function backupAndPrune(): Promise<{ backup: BackupResult; removed: string[] }> {
  const settings = env();
  const backup = await takeBackup({
    databasePath: databasePath(),
    dataDir: settings.DATA_DIR,
    backupDir: settings.BACKUP_DIR,
  });
  return { backup, removed: pruneBackups(settings.BACKUP_DIR, settings.BACKUP_KEEP) };
}
