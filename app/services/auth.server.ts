import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { mustUseSecondFactor, type Viewer } from "~/domain/permissions";
import { findLiveSession, findSignedInUser, endSession, sessionProvider, startSession } from "~/models/session.server";
import { auditProviderSignIn } from "~/models/identities.server";
import type { SsoProvider } from "~/domain/single-sign-on";
import { type Actor, type Person } from "~/models/user.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { clientAddress } from "~/lib/request.server";

/**
 * The session cookie holds only a random token; the session itself lives in the database. Over HTTPS its name
 * carries the __Host- prefix, which browsers accept only from a secure page, for the whole site and no other
 * domain, so a neighbouring subdomain cannot plant or overwrite it.
 */
const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/" } as const;
const httpCookie = createCookie("cp_session", cookieOptions);
const httpsCookie = createCookie("__Host-cp_session", { ...cookieOptions, secure: true });

const sessionCookieFor = (request: Request) => (new URL(request.url).protocol === "https:" ? httpsCookie : httpCookie);

export async function readSessionToken(request: Request): Promise<string | null> {
  const token: unknown = await sessionCookieFor(request).parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? token : null;
}

export function sessionCookieHeader(request: Request, token: string): Promise<string> {
  return sessionCookieFor(request).serialize(token);
}

function clearSessionCookieHeader(request: Request): Promise<string> {
  return sessionCookieFor(request).serialize("", { maxAge: 0 });
}

export interface CurrentUser {
  viewer: Viewer;
  person: Person;
  /** The people whose appraisals this user records now (ADR 0019): see SignedInUser. */
  appraiseeIds: readonly number[];
  sessionHash: string;
}

export const limits = () => ({ idleMinutes: env().SESSION_IDLE_MINUTES, maxHours: env().SESSION_MAX_HOURS });

/** The live session behind the request's cookie, or null. A session still waiting for its second factor is live. */
export async function getSessionState(request: Request) {
  const token = await readSessionToken(request);
  if (!token) return null;
  return findLiveSession(getDb(), token, limits());
}

/** Who is signed in, read from the database with their session in one statement: once per request, through `currentUser`. */
export async function resolveCurrentUser(request: Request): Promise<CurrentUser | null> {
  const token = await readSessionToken(request);
  return token ? findSignedInUser(getDb(), token, limits()) : null;
}

/**
 * The signed-in user of this request, or null, from the request's load context: the production server resolves it
 * before Remix runs (withCurrentUser in entry.server.tsx), so the root loader, the page's loaders and requireUser
 * share one lookup. Resolved here on first use where no server entry did it (the Vite dev server, tests).
 */
export async function currentUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  if (context.currentUser === undefined) context.currentUser = await resolveCurrentUser(request);
  return context.currentUser;
}

/**
 * After an action changes the signed-in account itself (its second factor), a page posted without JavaScript runs
 * its loaders in the same request: they must see the account as it is now, not as the request began.
 */
export function forgetCurrentUser(context: AppLoadContext): void {
  context.currentUser = undefined;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/sign-in" : `/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

/** Whether this deployment requires two-step sign-in of someone in this user's roles (REQUIRE_TOTP_FOR). */
export function secondFactorRequired(user: CurrentUser): boolean {
  return mustUseSecondFactor(user.viewer, env().REQUIRE_TOTP_FOR);
}

/** Whether this user's roles oblige them to set up a second factor before doing anything else. */
export function mustEnrolSecondFactor(user: CurrentUser): boolean {
  return !user.person.totpEnabled && secondFactorRequired(user);
}

/** Why a request may not go on: nobody is signed in, or the user must set up two-step sign-in first. */
export type Refusal = "signed-out" | "second-factor-missing";

/**
 * The signed-in user, or why the request may not go on. Pages turn the refusal into a redirect (requireUser); the
 * API into a 401 or a 403.
 */
export async function checkUser(
  request: Request,
  context: AppLoadContext,
  options: { allowMissingSecondFactor?: boolean } = {},
): Promise<{ ok: true; user: CurrentUser } | { ok: false; refusal: Refusal }> {
  const user = await currentUser(request, context);
  if (!user) return { ok: false, refusal: "signed-out" };
  if (!options.allowMissingSecondFactor && mustEnrolSecondFactor(user))
    return { ok: false, refusal: "second-factor-missing" };
  return { ok: true, user };
}

/**
 * Every loader and action starts here. Not signed in: off to sign in. Deployment requires a second factor for
 * this role and the user has none: off to set one up.
 */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  options: { allowMissingSecondFactor?: boolean } = {},
): Promise<CurrentUser> {
  const checked = await checkUser(request, context, options);
  if (checked.ok) return checked.user;
  throw checked.refusal === "signed-out" ? signInRedirect(request) : redirect("/account/two-factor");
}

/** A signed-in user the predicate allows; anyone else is told the page does not exist. */
export async function requireUserWho(
  request: Request,
  context: AppLoadContext,
  allowed: (viewer: Viewer) => boolean,
): Promise<CurrentUser> {
  const user = await requireUser(request, context);
  if (!allowed(user.viewer)) throw notFound();
  return user;
}

export function actorOf(user: CurrentUser, context?: AppLoadContext): Actor {
  return { id: user.viewer.id, ip: clientAddress(context) };
}

/** The same answer for "not yours" and "does not exist", so ids cannot be probed. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/**
 * Every sign-in ends here, by password or through a provider: a new session id (a token planted before sign-in,
 * session fixation, is never promoted), idle and absolute expiry from the settings, and for a provider an audit entry
 * in the same transaction. Returns the Set-Cookie header that carries the new session.
 */
export async function beginSession(
  request: Request,
  context: AppLoadContext,
  input: { userId: number; mfaPending: boolean; signedInWith?: SsoProvider },
): Promise<string> {
  const db = getDb();
  const previous = await readSessionToken(request);
  if (previous) await endSession(db, previous);
  const ip = clientAddress(context);
  const token = await db.transaction().execute(async (trx) => {
    const started = await startSession(trx, {
      ...input,
      ip,
      userAgent: request.headers.get("user-agent"),
      maxHours: limits().maxHours,
    });
    if (input.signedInWith) await auditProviderSignIn(trx, input.userId, input.signedInWith, ip);
    return started;
  });
  return sessionCookieHeader(request, token);
}

/** Ends the local session; after a provider's sign-in the page then offers that provider's own sign-out. */
export async function signOut(request: Request) {
  const token = await readSessionToken(request);
  const provider = token ? await sessionProvider(getDb(), token) : null;
  if (token) await endSession(getDb(), token);
  const to = provider ? `/sign-in?signedOut=1&provider=${encodeURIComponent(provider)}` : "/sign-in?signedOut=1";
  return redirect(to, { headers: { "Set-Cookie": await clearSessionCookieHeader(request) } });
}
