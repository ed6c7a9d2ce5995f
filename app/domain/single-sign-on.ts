/** The single sign-on providers a deployment can turn on (ADR 0014), and the plain rules about them. */
export const SSO_PROVIDERS = ["nhsmail", "cis2"] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];

export const SSO_PROVIDER_LABELS: Record<SsoProvider, string> = {
  nhsmail: "NHSmail",
  cis2: "NHS Care Identity (CIS2)",
};

export const isSsoProvider = (value: string | undefined): value is SsoProvider =>
  (SSO_PROVIDERS as readonly string[]).includes(value ?? "");

/** A provider's name for a sentence, or the code itself for an entry written by a provider since removed. */
export const ssoProviderLabel = (value: string) => (isSsoProvider(value) ? SSO_PROVIDER_LABELS[value] : value);

/** Whether an email's domain is one of the listed ones (lower case), exactly: `nhs.net` does not cover `x.nhs.net`. */
export function emailInDomains(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  return at > 0 && domains.includes(email.slice(at + 1).toLowerCase());
}

/**
 * The authenticator assurance level (NIST AAL) an `acr` value stands for. CIS2's classes begin with the lowest level
 * they allow: `AAL3_ANY`, `AAL2_OR_AAL3_ANY`, `AAL2_ANY`, `AAL1_USERPASS`, or one authenticator's, like
 * `AAL3_N3_SMARTCARD`. Null for a missing claim or anything else, which meets no level.
 */
export function assuranceLevelOf(acr: unknown): number | null {
  const level = typeof acr === "string" ? /^AAL([1-3])_/.exec(acr)?.[1] : undefined;
  return level ? Number(level) : null;
}

/** Why a sign-in through a provider failed, in the kinds a person is told apart (never whether an account exists). */
export type SsoRefusal =
  "denied" | "expired" | "unavailable" | "invalid" | "assurance" | "not-linked" | "link-failed" | "wrong-person";
