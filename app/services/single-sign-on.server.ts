/**
 * Signing in, and linking accounts, through an OpenID Connect provider (ADR 0014). The browser is sent to the provider
 * with a fresh state, nonce and PKCE verifier kept in the database under the state's hash, and a cookie holding the
 * state ties the answer to this browser. When it comes back the answer is checked by openid-client, the identity is
 * found by its subject (or linked, as the deployment allows) and the session begins as after a password.
 */
import { createCookie, type AppLoadContext } from "@remix-run/node";
import { emailInDomains, isSsoProvider, type SsoProvider, type SsoRefusal } from "~/domain/single-sign-on";
import { mustUseSingleSignOn } from "~/domain/permissions";
import { env } from "~/lib/env.server";
import { getDb } from "~/lib/db.server";
import {
  authorizationRequest,
  completeAuthorization,
  configuredProviders,
  endSessionUrl,
  providerSettings,
  refusalReason,
  type ProvidedIdentity,
  type ProviderSettings,
} from "~/lib/oidc.server";
import { clientAddress, safeRedirect } from "~/lib/request.server";
import {
  hashLinkToken,
  linkIdentity,
  listIdentities,
  redeemIdentityLinkToken,
  saveSignInRequest,
  SIGN_IN_REQUEST_MINUTES,
  takeSignInRequest,
  unlinkedPersonWithEmail,
  personOfIdentity,
  type SignInRequest,
} from "~/models/identities.server";
import { createPerson, emailTaken, getPerson } from "~/models/user.server";
import { beginSession, currentUser } from "./auth.server";

export type SsoOutcome =
  | { ok: true; redirectTo: string; setCookie: string[]; linked?: boolean }
  | { ok: false; refusal: SsoRefusal; setCookie: string[] };

// Lax, not Strict: the provider sends the browser back with a top-level GET from its own site.
const stateCookieOptions = {
  httpOnly: true,
  sameSite: "lax",
  path: "/auth",
  maxAge: SIGN_IN_REQUEST_MINUTES * 60,
} as const;
const stateCookies = {
  http: createCookie("cp_sso_state", stateCookieOptions),
  https: createCookie("__Secure-cp_sso_state", { ...stateCookieOptions, secure: true }),
};
const stateCookieFor = (request: Request) =>
  new URL(request.url).protocol === "https:" ? stateCookies.https : stateCookies.http;

const callbackUrl = (request: Request, provider: SsoProvider) =>
  `${new URL(request.url).origin}/auth/${provider}/callback`;

/** The purpose a sign-in is sent to the provider for. */
export type SsoStart =
  | { purpose: "sign-in"; redirectTo: string }
  | { purpose: "link"; userId: number }
  | { purpose: "link-token"; token: string };

/** Where to send the browser, with the cookie that ties the provider's answer to it. Null: provider not configured. */
export async function startSingleSignOn(
  request: Request,
  provider: SsoProvider,
  start: SsoStart,
): Promise<{ location: string; setCookie: string } | null> {
  const settings = providerSettings(provider);
  if (!settings) return null;
  const { url, pending } = await authorizationRequest(settings, callbackUrl(request, provider));
  await saveSignInRequest(getDb(), pending.state, {
    provider,
    nonce: pending.nonce,
    code_verifier: pending.codeVerifier,
    purpose: start.purpose,
    user_id: start.purpose === "link" ? start.userId : null,
    link_token_hash: start.purpose === "link-token" ? hashLinkToken(start.token) : null,
    redirect_to: start.purpose === "sign-in" ? safeRedirect(start.redirectTo) : "/account",
  });
  return { location: url.href, setCookie: await stateCookieFor(request).serialize(pending.state) };
}

/** One line per refused sign-in for whoever runs the service: the provider and why, never a token or who it was. */
function logRefusal(provider: SsoProvider, refusal: SsoRefusal, detail?: string) {
  console.warn(
    JSON.stringify({ time: new Date().toISOString(), level: "warn", event: "sso-refused", provider, refusal, detail }),
  );
}

/**
 * The provider's answer, at the callback: checked, then the person signed in (or their account linked). Every
 * failure is a refusal with its kind; the waiting request is used up either way, so an answer works only once.
 */
export async function finishSingleSignOn(
  request: Request,
  context: AppLoadContext,
  provider: SsoProvider,
): Promise<SsoOutcome> {
  const cookie = stateCookieFor(request);
  const clearState = [await cookie.serialize("", { maxAge: 0 })];
  const refuse = (refusal: SsoRefusal, detail?: string): SsoOutcome => {
    logRefusal(provider, refusal, detail);
    return { ok: false, refusal, setCookie: clearState };
  };
  const settings = providerSettings(provider);
  const state: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (!settings || typeof state !== "string" || !state) return refuse("expired", "no sign-in waiting in this browser");
  const pending = await takeSignInRequest(getDb(), state);
  if (!pending || pending.provider !== provider) return refuse("expired", "sign-in request unknown or expired");

  let identity: ProvidedIdentity;
  try {
    identity = await completeAuthorization(settings, new URL(request.url), {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.code_verifier,
    });
  } catch (error) {
    const { reason, detail } = refusalReason(error);
    return refuse(reason, detail);
  }
  const actorIp = clientAddress(context);
  const result = await personFor(request, context, settings, pending, identity, actorIp);
  if ("refusal" in result) return refuse(result.refusal);
  if (pending.purpose === "link")
    return { ok: true, redirectTo: pending.redirect_to, setCookie: clearState, linked: true };

  const person = await getPerson(getDb(), result.userId);
  if (!person?.active) return refuse("not-linked");
  const session = await beginSession(request, context, {
    userId: person.id,
    // Someone who turned on two-step sign-in is asked for their code after the provider too, as after a password.
    mfaPending: person.totpEnabled,
    signedInWith: provider,
  });
  const next = person.totpEnabled
    ? `/sign-in/two-factor?redirectTo=${encodeURIComponent(pending.redirect_to)}`
    : pending.redirect_to;
  return { ok: true, redirectTo: next, setCookie: [...clearState, session], linked: result.linked };
}

/** Whom the identity belongs to, for the purpose the sign-in was started with, linking it where that is allowed. */
async function personFor(
  request: Request,
  context: AppLoadContext,
  settings: ProviderSettings,
  pending: SignInRequest,
  identity: ProvidedIdentity,
  ip: string | null,
): Promise<{ userId: number; linked: boolean } | { refusal: SsoRefusal }> {
  const db = getDb();
  const provider = settings.id;
  const toLink = (userId: number) => ({ userId, provider, subject: identity.subject, email: identity.email });

  if (pending.purpose === "link") {
    // Linking is for the person who asked, in the browser they asked from, still signed in.
    const user = await currentUser(request, context);
    if (!user || user.viewer.id !== pending.user_id) return { refusal: "wrong-person" };
    const linked = await db
      .transaction()
      .execute((trx) => linkIdentity(trx, toLink(user.viewer.id), { id: user.viewer.id, ip }));
    return linked ? { userId: user.viewer.id, linked } : { refusal: "link-failed" };
  }

  if (pending.purpose === "link-token") {
    const userId = await db
      .transaction()
      .execute(async (trx) => {
        const owner = await redeemIdentityLinkToken(trx, pending.link_token_hash ?? "");
        if (owner === null) return null;
        // The link is used up only if the identity was linked; otherwise the transaction leaves it for another try.
        if (!(await linkIdentity(trx, toLink(owner), { id: owner, ip }))) throw new LinkClash();
        return owner;
      })
      .catch((error: unknown) => {
        if (error instanceof LinkClash) return "clash" as const;
        throw error;
      });
    if (userId === "clash") return { refusal: "link-failed" };
    return userId === null ? { refusal: "expired" } : { userId, linked: true };
  }

  const known = await personOfIdentity(db, provider, identity.subject);
  if (known !== null) return { userId: known, linked: false };
  const e = env();
  // Matching by email happens once, only on an address the provider says it has verified; the subject links after.
  if (identity.email && identity.emailVerified) {
    if (e.SSO_LINK_BY_EMAIL) {
      const person = await unlinkedPersonWithEmail(db, provider, identity.email);
      if (
        person &&
        (await db.transaction().execute((trx) => linkIdentity(trx, toLink(person.id), { id: person.id, ip })))
      )
        return { userId: person.id, linked: true };
    }
    if (emailInDomains(identity.email, e.SSO_CREATE_ACCOUNTS_FOR)) {
      const created = await createAccount(provider, identity, identity.email, ip);
      if (created !== null) return { userId: created, linked: true };
    }
  }
  return { refusal: "not-linked" };
}

class LinkClash extends Error {}

/** A new account for an allowed domain: no PCN, job role or role until a lead or administrator gives them. */
async function createAccount(
  provider: SsoProvider,
  identity: ProvidedIdentity,
  email: string,
  ip: string | null,
): Promise<number | null> {
  const db = getDb();
  // Someone with this email already exists (perhaps deactivated): they are not given a second account.
  if (await emailTaken(db, email)) return null;
  const name = identity.name ?? email.slice(0, email.indexOf("@"));
  const id = await createPerson(
    db,
    { pcnId: null, name, email, jobRole: null, fte: null, startDate: null, roles: [] },
    { id: null, ip },
  );
  const linked = await db
    .transaction()
    .execute((trx) => linkIdentity(trx, { userId: id, provider, subject: identity.subject, email }, { id, ip }));
  return linked ? id : null;
}

/**
 * The providers the sign-in page offers, and after signing out of a session a provider began, that provider's own
 * sign-out page (named by the sign-out redirect; only a configured provider's published page is ever linked).
 */
export async function signInProviders(signedOutOf: string | null) {
  const providers = configuredProviders().map(({ id, label }) => ({ id, label }));
  const settings = isSsoProvider(signedOutOf ?? undefined) ? providerSettings(signedOutOf as SsoProvider) : null;
  const href = settings ? await endSessionUrl(settings) : null;
  return { providers, signOutOf: settings && href ? { label: settings.label, href } : null };
}

/** A person's linked NHS accounts, and the configured providers they could still link. */
export async function identitiesOf(userId: number) {
  const linked = await listIdentities(getDb(), userId);
  const canLink = configuredProviders()
    .filter((p) => !linked.some((l) => l.provider === p.id))
    .map(({ id, label }) => ({ id, label }));
  return { linked, canLink };
}

/** A password sign-in is refused for roles that must use single sign-on (REQUIRE_SSO_FOR). */
export async function passwordAllowed(userId: number): Promise<boolean> {
  const person = await getPerson(getDb(), userId);
  return !person || !mustUseSingleSignOn(person, env().REQUIRE_SSO_FOR);
}
