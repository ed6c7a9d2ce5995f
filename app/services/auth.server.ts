import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import type { Viewer } from "~/domain/permissions";
import { canManagePcns } from "~/domain/permissions";
import { findLiveSession, endSession } from "~/models/session.server";
import { getPerson, loadViewer, type Actor, type Person } from "~/models/user.server";
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
  sessionHash: string;
}

export const limits = () => ({ idleMinutes: env().SESSION_IDLE_MINUTES, maxHours: env().SESSION_MAX_HOURS });

/** The signed-in user, or null. A session still waiting for its second factor is not signed in yet. */
export async function getSessionState(request: Request) {
  const token = await readSessionToken(request);
  if (!token) return null;
  return findLiveSession(getDb(), token, limits());
}

export async function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  const session = await getSessionState(request);
  if (!session || session.mfaPending) return null;
  const db = getDb();
  const [viewer, person] = await Promise.all([loadViewer(db, session.userId), getPerson(db, session.userId)]);
  if (!viewer || !person) return null;
  return { viewer, person, sessionHash: session.idHash };
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/sign-in" : `/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

/** Whether this user's roles oblige them to have a second factor before doing anything else. */
export function mustEnrolSecondFactor(user: CurrentUser): boolean {
  const required = env().REQUIRE_TOTP_FOR;
  return !user.person.totpEnabled && user.viewer.roles.some((r) => required.includes(r));
}

/**
 * Every loader and action starts here. Not signed in: off to sign in. Deployment requires a second factor for
 * this role and the user has none: off to set one up.
 */
export async function requireUser(
  request: Request,
  options: { allowMissingSecondFactor?: boolean } = {},
): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  if (!user) throw signInRedirect(request);
  if (!options.allowMissingSecondFactor && mustEnrolSecondFactor(user)) throw redirect("/account/two-factor");
  return user;
}

export function actorOf(user: CurrentUser, context?: AppLoadContext): Actor {
  return { id: user.viewer.id, ip: clientAddress(context) };
}

/** The same answer for "not yours" and "does not exist", so ids cannot be probed. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** Only administrators manage PCNs; anyone else is told the page does not exist. */
export async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!canManagePcns(user.viewer)) throw notFound();
  return user;
}

export async function signOut(request: Request) {
  const token = await readSessionToken(request);
  if (token) await endSession(getDb(), token);
  return redirect("/sign-in?signedOut=1", { headers: { "Set-Cookie": await clearSessionCookieHeader(request) } });
}
