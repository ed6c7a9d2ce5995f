import crypto from "node:crypto";
import { NHS_FONT_HOST, nhsFontsEnabled } from "./nhs-fonts.server";
import { providerOrigins } from "./oidc.server";

/** Random bytes for the nonces of the next 256 responses: one call to the system's generator instead of one each. */
const noncePool = Buffer.alloc(16 * 256);
let nonceOffset = noncePool.length;

/**
 * A new Content-Security-Policy nonce: 128 random bits, base64. crypto.randomBytes(16) cost a request 2 µs, about
 * 20 times this; the bytes come from the same generator, only fetched ahead.
 */
export function cspNonce(): string {
  if (nonceOffset === noncePool.length) {
    crypto.randomFillSync(noncePool);
    nonceOffset = 0;
  }
  nonceOffset += 16;
  return noncePool.toString("base64", nonceOffset - 16, nonceOffset);
}

/** Response headers every page, asset and download carries. */
export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      nhsFontsEnabled() ? `font-src 'self' ${NHS_FONT_HOST}` : "font-src 'self'",
      "connect-src 'self'",
      // A single sign-on button's post is answered with a redirect to the provider, which form-action also governs.
      ["form-action 'self'", ...providerOrigins()].join(" "),
      "base-uri 'none'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser says came from another site. SameSite=Lax cookies already stop
 * most of these; checking Origin and Sec-Fetch-Site as well covers older browsers and same-site subdomains.
 * Returns a reason to refuse, or null when the request may proceed.
 */
export function crossSiteRefusal(req: {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  ownOrigin: string;
}): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (req.secFetchSite && req.secFetchSite !== "same-origin" && req.secFetchSite !== "none") {
    return `cross-site request (${req.secFetchSite})`;
  }
  if (!req.origin) return req.secFetchSite ? null : "missing Origin header";
  if (req.origin !== req.ownOrigin) return `origin ${req.origin} is not ${req.ownOrigin}`;
  return null;
}
