/**
 * The OpenID Connect relying party (ADR 0014), built on openid-client: discovery from the issuer, Authorization Code
 * with PKCE, `state` and `nonce`, and the ID token checked (issuer, audience, expiry, signature by the issuer's
 * published keys). No token handling of our own: this module only says which provider, which client and what to ask.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import * as client from "openid-client";
import {
  assuranceLevelOf,
  SSO_PROVIDER_LABELS,
  SSO_PROVIDERS,
  type SsoProvider,
  type SsoRefusal,
} from "~/domain/single-sign-on";
import { env } from "./env.server";

export interface ProviderSettings {
  id: SsoProvider;
  label: string;
  issuer: URL;
  clientId: string;
  scope: string;
  /** Asked of the provider as `acr_values` (CIS2's assurance level), and met by its answer's `acr`; none for NHSmail. */
  acrValues: string | null;
  auth: { kind: "client-secret"; secret: string } | { kind: "private-key-jwt"; keyFile: string; keyId: string };
}

function settingsFor(id: SsoProvider): ProviderSettings | null {
  const e = env();
  if (id === "nhsmail") {
    if (!e.NHSMAIL_ISSUER || !e.NHSMAIL_CLIENT_ID || !e.NHSMAIL_CLIENT_SECRET) return null;
    return {
      id,
      label: SSO_PROVIDER_LABELS[id],
      issuer: new URL(e.NHSMAIL_ISSUER),
      clientId: e.NHSMAIL_CLIENT_ID,
      scope: e.NHSMAIL_SCOPES,
      acrValues: null,
      auth: { kind: "client-secret", secret: e.NHSMAIL_CLIENT_SECRET },
    };
  }
  if (!e.CIS2_ISSUER || !e.CIS2_CLIENT_ID || !e.CIS2_PRIVATE_KEY_FILE || !e.CIS2_KEY_ID) return null;
  return {
    id,
    label: SSO_PROVIDER_LABELS[id],
    issuer: new URL(e.CIS2_ISSUER),
    clientId: e.CIS2_CLIENT_ID,
    scope: e.CIS2_SCOPES,
    acrValues: e.CIS2_ACR_VALUES,
    auth: { kind: "private-key-jwt", keyFile: e.CIS2_PRIVATE_KEY_FILE, keyId: e.CIS2_KEY_ID },
  };
}

/** The providers this deployment has turned on, in the order the sign-in page shows them. */
export function configuredProviders(): ProviderSettings[] {
  return SSO_PROVIDERS.map(settingsFor).filter((p): p is ProviderSettings => p !== null);
}

/** Where the sign-in buttons' posts are redirected: each configured provider's own site. */
export function providerOrigins(): string[] {
  return [...new Set(configuredProviders().map((p) => p.issuer.origin))];
}

export function providerSettings(id: SsoProvider): ProviderSettings | null {
  return settingsFor(id);
}

/** CIS2 takes RS256 client assertions; the key file is PEM (PKCS#1 or PKCS#8), read when first needed. */
async function signingKey(keyFile: string): Promise<CryptoKey> {
  const der = crypto.createPrivateKey(fs.readFileSync(keyFile)).export({ type: "pkcs8", format: "der" });
  return crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
}

/**
 * How the client proves itself at the token endpoint. CIS2 documents the token endpoint as a client assertion's
 * audience (openid-client would name the issuer), so the signed JWT is addressed to `tokenEndpoint()` once known.
 */
async function clientAuthentication(
  settings: ProviderSettings,
  tokenEndpoint: () => string | undefined,
): Promise<client.ClientAuth> {
  if (settings.auth.kind === "client-secret") return client.ClientSecretPost(settings.auth.secret);
  return client.PrivateKeyJwt(
    { key: await signingKey(settings.auth.keyFile), kid: settings.auth.keyId },
    {
      [client.modifyAssertion]: (_header, payload) => {
        payload.aud = tokenEndpoint() ?? payload.aud;
      },
    },
  );
}

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

async function discover(settings: ProviderSettings): Promise<client.Configuration> {
  const metadata: Partial<client.ClientMetadata> =
    settings.auth.kind === "private-key-jwt" ? { token_endpoint_auth_signing_alg: "RS256" } : {};
  // Plain HTTP only for a provider on this machine (the tests' own); the settings refuse it anywhere else.
  const insecure = settings.issuer.protocol === "http:" && isLoopback(settings.issuer);
  // Known once discovered, and discovery comes before any client assertion is signed.
  const found: { tokenEndpoint?: string } = {};
  const config = await client.discovery(
    settings.issuer,
    settings.clientId,
    metadata,
    await clientAuthentication(settings, () => found.tokenEndpoint),
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  found.tokenEndpoint = config.serverMetadata().token_endpoint;
  return config;
}

const discovered = new Map<SsoProvider, Promise<client.Configuration>>();

/** The provider's configuration, discovered once per process; a failed discovery is tried again next time. */
function configurationFor(settings: ProviderSettings): Promise<client.Configuration> {
  let found = discovered.get(settings.id);
  if (!found) {
    found = discover(settings);
    discovered.set(settings.id, found);
    found.catch(() => discovered.delete(settings.id));
  }
  return found;
}

/** What the answer to an authorization request must match; kept on our side until the provider sends the user back. */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser to sign in at the provider, and the values its answer must carry. */
export async function authorizationRequest(
  settings: ProviderSettings,
  redirectUri: string,
): Promise<{ url: URL; pending: PendingAuthorization }> {
  const config = await configurationFor(settings);
  const pending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scope,
    response_type: "code",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
    ...(settings.acrValues ? { acr_values: settings.acrValues } : {}),
  });
  return { url, pending };
}

/** Who the provider says signed in. The subject is what links an account; the email is only for matching once. */
export interface ProvidedIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** The ID token's `acr` is missing or vouches for less than the assurance level asked for. */
class AssuranceTooLow extends Error {
  constructor(acr: unknown, required: number) {
    // The class name only (no token, nobody's details), cut short and reduced to its own characters for the log.
    const said = typeof acr === "string" ? acr.replace(/[^\w-]/g, "?").slice(0, 40) : "none";
    super(`acr ${said} is below the AAL${required} asked for`);
  }
}

/**
 * Redeems the code in the provider's answer (with the PKCE verifier) and validates the ID token: state, nonce,
 * issuer, audience, expiry, signature, and the assurance level asked for. Throws for anything wrong, which
 * `refusalReason` sorts.
 */
export async function completeAuthorization(
  settings: ProviderSettings,
  callbackUrl: URL,
  pending: PendingAuthorization,
): Promise<ProvidedIdentity> {
  const config = await configurationFor(settings);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new client.ClientError("the provider sent no ID token");
  const required = assuranceLevelOf(settings.acrValues);
  if (required !== null && (assuranceLevelOf(claims.acr) ?? 0) < required)
    throw new AssuranceTooLow(claims.acr, required);
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
  return {
    subject: claims.sub,
    email: text(claims.email),
    emailVerified: emailIsVerified(claims),
    name: text(claims.name),
  };
}

/**
 * `email_verified: true`, or, when the token has no `email_verified` at all, Entra ID's optional `xms_edov` claim
 * ("email domain owner verified"): NHSmail never sends `email_verified`, and a tenant adds `xms_edov` to its ID
 * tokens so its emails can be trusted for linking. An explicit `email_verified: false` always wins.
 */
function emailIsVerified(claims: client.IDToken): boolean {
  if (claims.email_verified !== undefined) return claims.email_verified === true;
  return claims.xms_edov === true;
}

/** The provider's own sign-out page, where it publishes one. */
export async function endSessionUrl(settings: ProviderSettings): Promise<string | null> {
  try {
    const config = await configurationFor(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { client_id: settings.clientId }).href;
  } catch {
    return null;
  }
}

type RefusalReason = Extract<SsoRefusal, "denied" | "unavailable" | "invalid" | "assurance">;

/** Sorts a failure from the provider or from checking its answer; the detail goes to the log, never to the page. */
export function refusalReason(error: unknown): { reason: RefusalReason; detail: string } {
  if (error instanceof AssuranceTooLow) return { reason: "assurance", detail: error.message };
  if (error instanceof client.AuthorizationResponseError)
    return { reason: error.error === "access_denied" ? "denied" : "invalid", detail: `provider said ${error.error}` };
  if (error instanceof client.ResponseBodyError)
    return { reason: "invalid", detail: `token endpoint said ${error.error}` };
  if (error instanceof client.ClientError || error instanceof Error) {
    const code = (error as { code?: string }).code;
    // Discovery or the token request could not reach the provider at all.
    if (error instanceof TypeError || code === "OAUTH_RESPONSE_IS_NOT_CONFORM")
      return { reason: "unavailable", detail: code ?? error.name };
    return { reason: "invalid", detail: `${code ?? error.name}: ${error.message.replace(/\s+/g, " ").slice(0, 200)}` };
  }
  return { reason: "invalid", detail: typeof error };
}
