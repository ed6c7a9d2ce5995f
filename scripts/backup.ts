/** `npm run backup`: a consistent online backup of the database, then the uploaded files, into BACKUP_DIR. */
import { BackupError } from "../db/backup";
import { backupAndPrune } from "~/services/housekeeping.server";
import { env } from "~/lib/env.server";

try {
  const { backup, removed } = await backupAndPrune();
  console.log(
    `Backup complete: ${backup.dir} (${backup.files} files, ${(backup.bytes / 1_048_576).toFixed(1)} MB, checksums in manifest.json).`,
  );
  for (const old of removed) console.log(`Removed old backup ${old} (keeping the newest ${env().BACKUP_KEEP}).`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
}
