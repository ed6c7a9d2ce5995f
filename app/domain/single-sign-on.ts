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

/** Why a sign-in through a provider failed, in the kinds a person is told apart (never whether an account exists). */
export type SsoRefusal =
  "denied" | "expired" | "unavailable" | "invalid" | "not-linked" | "link-failed" | "wrong-person";
