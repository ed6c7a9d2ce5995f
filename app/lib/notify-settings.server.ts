import { Cron } from "croner";
import { z } from "zod";

/** A variable set to the empty string counts as unset. */
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

/**
 * Notifications (ADR 0015): the SMTP server digests go through (unset SMTP_HOST: in-app notifications only), the
 * address links in emails start with, how long evidence may wait for review, and when the server runs the job.
 */
export const notifySettings = {
  SMTP_HOST: optionalText,
  SMTP_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(65535).default(587)),
  /** "starttls" (port 587, as NHSmail requires: the connection must upgrade to TLS), "tls" (port 465), "none". */
  SMTP_SECURITY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["starttls", "tls", "none"]).default("starttls"),
  ),
  SMTP_USER: optionalText,
  SMTP_PASSWORD: optionalText,
  SMTP_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.email().optional()),
  /** A PEM file of certificate authorities to trust for the SMTP server, for a relay with a private certificate. */
  SMTP_CA_FILE: optionalText,
  PUBLIC_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/ }).optional()),
  NOTIFY_REVIEW_WAIT_DAYS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(1).max(365).default(7),
  ),
  /** A cron expression (Europe/London time) for the server to run the job, e.g. "0 7 * * *"; unset, it never does. */
  NOTIFY_SCHEDULE: optionalText.refine((expression) => expression === undefined || isCronExpression(expression), {
    message: 'is not a cron expression (for example "0 7 * * *" for 7am every day)',
  }),
};

function isCronExpression(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

type NotifyEnv = z.output<z.ZodObject<typeof notifySettings>>;

/** With SMTP_HOST set, emails need a sender and a base for their links. */
export function checkMailSettings(settings: NotifyEnv, ctx: z.RefinementCtx): void {
  if (!settings.SMTP_HOST) return;
  for (const name of ["SMTP_FROM", "PUBLIC_BASE_URL"] as const) {
    if (!settings[name]) ctx.addIssue({ code: "custom", path: [name], message: "must be set when SMTP_HOST is set" });
  }
  if (settings.SMTP_USER && !settings.SMTP_PASSWORD)
    ctx.addIssue({ code: "custom", path: ["SMTP_PASSWORD"], message: "must be set when SMTP_USER is set" });
}

/** How to reach the SMTP server; null when email is off. */
export interface MailSettings {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  user?: string;
  password?: string;
  from: string;
  caFile?: string;
  /** What links in emails start with, e.g. https://portfolio.example-pcn.nhs.uk */
  baseUrl: string;
}

export function mailSettingsOf(settings: NotifyEnv): MailSettings | null {
  if (!settings.SMTP_HOST || !settings.SMTP_FROM || !settings.PUBLIC_BASE_URL) return null;
  return {
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT,
    security: settings.SMTP_SECURITY,
    user: settings.SMTP_USER,
    password: settings.SMTP_PASSWORD,
    from: settings.SMTP_FROM,
    caFile: settings.SMTP_CA_FILE,
    baseUrl: settings.PUBLIC_BASE_URL,
  };
}
