import { z } from "zod";

const days = (fallback: number) => z.coerce.number().int().min(0).max(36_500).default(fallback);
const flag = z
  .enum(["", "0", "1", "true", "false"])
  .default("")
  .transform((v) => v === "1" || v === "true");

/** How long personal data no longer needed is kept before `npm run purge` removes it (ADR 0010). */
export const retentionSettings = {
  RETAIN_SIGN_IN_FAILURES_DAYS: days(30),
  RETAIN_ENDED_SESSIONS_DAYS: days(30),
  RETAIN_UNLINKED_UPLOADS_DAYS: days(7),
  /** From deactivation until an administrator may purge a leaver's records: 6 years unless set. */
  RETAIN_LEAVERS_DAYS: days(6 * 365),
  /** Run the purge once a day in the server process. */
  PURGE_DAILY: flag,
};

/** Where backups go and, when set, how often the server process takes one and how many it keeps. */
export const backupSettings = {
  BACKUP_DIR: z.string().min(1).default("backups"),
  BACKUP_EVERY_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(0),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
};
