import type { AppLoadContext } from "@remix-run/node";

/** A same-site path to return to after signing in; anything else falls back to the home page. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // Browsers drop tabs and newlines from a Location, so "/\t/evil.example" would leave the site: refuse them all.
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://care-portfolio.invalid";
  const url = new URL(to, base);
  return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}

/**
 * The client's address: the one place it is read. The server entry derives it (Express's req.ip under the
 * TRUST_PROXY setting), so behind a trusted proxy it is the address the proxy saw, not the proxy's own.
 */
export function clientAddress(context: AppLoadContext | undefined): string | null {
  return context?.clientAddress ?? null;
}

/** A route parameter that must be a positive whole number; anything else is treated as not found. */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}
