import { z } from "zod";

/** A variable set to the empty string counts as unset. */
const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).optional());

const commaList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const isLoopback = (host: string) => host === "localhost" || host === "127.0.0.1" || host === "[::1]";

/** An issuer's URL: HTTPS, except on this machine's loopback (test providers). */
const issuerUrl = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .url({ error: "must be the provider's issuer URL, like https://login.microsoftonline.com/<tenant>/v2.0" })
    .refine((raw) => {
      const url = new URL(raw);
      return url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname));
    }, "must start with https://")
    .optional(),
);

/**
 * Single sign-on through OpenID Connect (ADR 0014): NHSmail (Microsoft Entra ID) with a client secret, and NHS CIS2
 * with a signed JWT (`private_key_jwt`). A provider is offered when its issuer is set; `checkSingleSignOn` then asks
 * for the rest of its settings.
 */
export const singleSignOnSettings = {
  NHSMAIL_ISSUER: issuerUrl,
  NHSMAIL_CLIENT_ID: optionalText,
  NHSMAIL_CLIENT_SECRET: optionalText,
  NHSMAIL_SCOPES: z.string().default("openid profile email"),
  CIS2_ISSUER: issuerUrl,
  CIS2_CLIENT_ID: optionalText,
  /** A PEM file holding the RSA private key whose public half CIS2 holds (as a JWKS) for this client. */
  CIS2_PRIVATE_KEY_FILE: optionalText,
  /** The `kid` of that key in the JWKS given to CIS2. */
  CIS2_KEY_ID: optionalText,
  CIS2_SCOPES: z.string().default("openid profile email nhsperson associatedorgs"),
  /**
   * The authentication assurance CIS2 is asked for, and that its answer's `acr` must meet: AAL2 or above by default,
   * `AAL3_ANY` for AAL3 only (smartcards and the like).
   */
  CIS2_ACR_VALUES: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["AAL2_OR_AAL3_ANY", "AAL3_ANY"], {
        error: "must be AAL2_OR_AAL3_ANY (AAL2 or above) or AAL3_ANY (AAL3 only)",
      })
      .default("AAL2_OR_AAL3_ANY"),
  ),
  /** Link an unknown identity to the person with the same email, on first sign-in, if the provider verified it. */
  SSO_LINK_BY_EMAIL: z
    .string()
    .optional()
    .transform((value) => value === "true"),
  /** Email domains whose unknown identities get a new account (no PCN, no job role) on first sign-in. */
  SSO_CREATE_ACCOUNTS_FOR: commaList,
  /** Roles that must sign in through a provider and cannot use a password at all. */
  REQUIRE_SSO_FOR: commaList,
};

type Settings = z.output<z.ZodObject<typeof singleSignOnSettings>>;

const REQUIRED: Record<"NHSMAIL" | "CIS2", (keyof Settings)[]> = {
  NHSMAIL: ["NHSMAIL_CLIENT_ID", "NHSMAIL_CLIENT_SECRET"],
  CIS2: ["CIS2_CLIENT_ID", "CIS2_PRIVATE_KEY_FILE", "CIS2_KEY_ID"],
};

/** Each configured provider has everything it needs, and nobody is required to use a provider that is not there. */
export function checkSingleSignOn(settings: Settings, ctx: z.RefinementCtx<Settings>): void {
  for (const [prefix, names] of Object.entries(REQUIRED)) {
    if (!settings[`${prefix as "NHSMAIL" | "CIS2"}_ISSUER`]) continue;
    for (const name of names)
      if (!settings[name]) ctx.addIssue({ code: "custom", path: [name], message: `is needed with ${prefix}_ISSUER` });
  }
  const anyProvider = Boolean(settings.NHSMAIL_ISSUER || settings.CIS2_ISSUER);
  if (settings.REQUIRE_SSO_FOR.length && !anyProvider)
    ctx.addIssue({ code: "custom", path: ["REQUIRE_SSO_FOR"], message: "needs NHSMAIL_ISSUER or CIS2_ISSUER set" });
}
