import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { pdfSettings } from "./pdf-settings.server";
import { checkMailSettings, notifySettings } from "./notify-settings.server";
import { backupSettings, retentionSettings } from "./retention-settings.server";
import { checkSingleSignOn, singleSignOnSettings } from "./sso-settings.server";

/** Express's own names for address ranges it can trust as proxies. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** What Express's "trust proxy" setting takes: all, none, a number of hops, or addresses, CIDRs and range names. */
export type TrustProxy = boolean | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const family = net.isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY. Express takes the string "1" as the address 0.0.0.1, so a hop count must reach it as a
 * number and a list as an array. Returns null for a value that is none of the accepted forms.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | null {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  return entries.every((e) => PROXY_RANGE_NAMES.has(e) || isAddressOrCidr(e)) ? entries : null;
}

const kilobytes = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A variable set to the empty string counts as unset, as a shell's `PORT=` means. */
const unlessEmpty = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: unlessEmpty(z.string().default("127.0.0.1")),
    PORT: unlessEmpty(z.coerce.number().int().min(0).max(65535).default(3000)),
    /** The content files (framework, training requirements, roles, supervision policy). */
    CONTENT_DIR: unlessEmpty(z.string().default("content")).transform((dir) => path.resolve(dir)),
    /** Pages use the NHS font from its own host only when this is "true"; otherwise Arial, and nothing is fetched. */
    NHS_FONTS: z
      .string()
      .optional()
      .transform((value) => value === "true"),
    /**
     * scrypt cost as a power of two. It exists only so test suites can hash in milliseconds instead of ~0.3 s per
     * call; production leaves it unset. 2^20 already needs 1 GiB per hash, so anything above is a mistake.
     */
    PASSWORD_HASH_COST_LOG2: unlessEmpty(z.coerce.number().int().min(10).max(20).default(15)),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
    /** Comma-separated app roles that must use a second factor, e.g. "admin,lead". */
    REQUIRE_TOTP_FOR: z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean),
      ),
    EXPIRY_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(60),
    /**
     * Most standings a page works out again within its request (a PCN's worth); past it, the page shows the stored
     * figures and they are brought up to date in the background (app/models/rollups.server.ts).
     */
    ROLLUP_REFRESH_IN_REQUEST: z.coerce.number().int().min(0).default(100),
    APPRAISAL_YEAR_START_MONTH: z.coerce.number().int().min(1).max(12).default(4),
    DATA_DIR: z.string().default("data"),
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const parsed = parseTrustProxy(raw);
        if (parsed === null) {
          ctx.addIssue({
            code: "custom",
            message: `"${raw}" is not a number of proxy hops (like 1), true, false, loopback, or a comma-separated list of addresses and CIDR ranges (like 10.0.0.0/8)`,
          });
          return z.NEVER;
        }
        return parsed;
      }),
    /** Largest body of an ordinary form post; file uploads have their own, larger limit. */
    FORM_BODY_LIMIT_KB: kilobytes(8, 1024, 64),
    /** /healthz reports unhealthy when the data directory's disk has less free space than this. */
    HEALTH_MIN_FREE_MB: z.coerce.number().int().min(0).default(256),
    /** How many server processes share the port (node:cluster); 1 runs the server in a single process. */
    WEB_CONCURRENCY: unlessEmpty(z.coerce.number().int().min(1).max(64).default(1)),
    /** Signs the success-message cookie; unset, each start makes one and shares it with its processes. */
    FLASH_COOKIE_SECRET: unlessEmpty(z.string().min(32, "must be at least 32 characters").optional()),
    /** A file to append every database query to, for `npm run bench`'s query plans (app/lib/query-log.server.ts). */
    QUERY_LOG: unlessEmpty(z.string().optional()),
    ...retentionSettings,
    ...backupSettings,
    ...pdfSettings,
    ...notifySettings,
    ...singleSignOnSettings,
  })
  .superRefine(checkMailSettings)
  .superRefine(checkSingleSignOn);

export type Env = z.infer<typeof EnvSchema>;

/** A configuration problem, naming each variable and what is wrong with it. */
export class EnvError extends Error {
  override name = "EnvError";
}

let cached: Env | undefined;

/** Configuration from environment variables, validated once; a bad value stops start-up with its name. */
export function env(): Env {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  cached = result.data;
  return cached;
}
