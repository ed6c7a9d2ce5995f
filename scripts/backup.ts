/** `npm run backup`: a consistent online backup of the database, then the uploaded files, into BACKUP_DIR. */
import { databasePath } from "../db/connection";
import { BackupError, pruneBackups, takeBackup } from "../db/backup";
import { env } from "~/utils/env.server";

try {
  const settings = env();
  const result = await takeBackup({ databasePath: databasePath(), dataDir: settings.DATA_DIR, backupDir: settings.BACKUP_DIR });
  console.log(`Backup complete: ${result.dir} (${result.files} files, ${(result.bytes / 1_048_576).toFixed(1)} MB, checksums in manifest.json).`);
  for (const old of pruneBackups(settings.BACKUP_DIR, settings.BACKUP_KEEP)) console.log(`Removed old backup ${old} (keeping the newest ${settings.BACKUP_KEEP}).`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
}
