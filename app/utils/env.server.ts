import { z } from "zod";
import { backupSettings, retentionSettings } from "./retention-settings.server";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Comma-separated app roles that must use a second factor, e.g. "admin,lead". */
  REQUIRE_TOTP_FOR: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((r) => r.trim()).filter(Boolean)),
  EXPIRY_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  APPRAISAL_YEAR_START_MONTH: z.coerce.number().int().min(1).max(12).default(4),
  DATA_DIR: z.string().default("data"),
  ...retentionSettings,
  ...backupSettings,
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Configuration from environment variables, validated once; a bad value stops start-up with its name. */
export function env(): Env {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}
