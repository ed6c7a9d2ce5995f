import { randomBytes } from "node:crypto";
import { createCookie, redirect, type Cookie, type CookieOptions } from "@remix-run/node";
import { env } from "./env.server";
import type { Flash } from "./flash";

/**
 * Post, redirect, then say what happened: the action redirects with the message in a short-lived cookie, the next
 * page shows it once and clears it, so reloading neither posts again nor repeats the message.
 *
 * The cookie is signed, because a message may carry text (a person's name, a set-password link) rather than pick
 * one of a fixed set. Unless FLASH_COOKIE_SECRET is set, the key is made afresh at each start: a message lives only
 * for the moment between the post and the page that follows, so none needs to outlast a restart. With several
 * processes the first makes it and hands it to the others (server/index.ts), since the page after a post may be
 * served by another; machines behind one load balancer need the setting.
 */
const options: CookieOptions = { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 };
let cookies: { http: Cookie; https: Cookie } | undefined;
function cookieFor(request: Request): Cookie {
  if (!cookies) {
    const secrets = [env().FLASH_COOKIE_SECRET ?? randomBytes(32).toString("hex")];
    cookies = {
      http: createCookie("cp_flash", { ...options, secrets }),
      https: createCookie("__Host-cp_flash", { ...options, secrets, secure: true }),
    };
  }
  return new URL(request.url).protocol === "https:" ? cookies.https : cookies.http;
}

function isFlash(value: unknown): value is Flash {
  return typeof value === "object" && value !== null && typeof (value as Flash).message === "string";
}

/** A redirect to `to` that shows `flash` there. */
export async function redirectWithFlash(request: Request, to: string, flash: Flash | string): Promise<Response> {
  const value = typeof flash === "string" ? { message: flash } : flash;
  return redirect(to, { headers: { "Set-Cookie": await cookieFor(request).serialize(value) } });
}

/** The message waiting for this request, if any, and the header that clears it so it shows only once. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const cookie = cookieFor(request);
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  if (value === null) return { flash: null, headers: {} };
  return {
    flash: isFlash(value) ? value : null,
    headers: { "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) },
  };
}
