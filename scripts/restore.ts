/**
 * `npm run restore -- <backup folder> [--to <empty folder>]`: verifies a backup (every checksum, the database's
 * integrity, every referenced file) and restores it into an empty data folder, DATA_DIR unless --to is given.
 */
import { parseArgs } from "node:util";
import { BackupError, restoreBackup } from "../db/backup";
import { env } from "~/lib/env.server";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { to: { type: "string" } } });
if (positionals.length !== 1) {
  console.error("Usage: npm run restore -- <backup folder> [--to <empty folder>]");
  process.exit(2);
}
try {
  const restored = restoreBackup(positionals[0]!, values.to ?? env().DATA_DIR);
  console.log(`Restored and verified: ${restored.files} uploaded files and the database.`);
  console.log(`Start the app with DATA_DIR=${restored.dataDir} DATABASE_PATH=${restored.databasePath}`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  process.exit(1);
}
