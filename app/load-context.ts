import type { CurrentUser } from "~/services/auth.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce that lets Remix's own inline scripts past the Content-Security-Policy. */
    cspNonce?: string;
    /** The client's address as the server saw it, for the audit trail and sign-in throttling. */
    clientAddress?: string;
    /** Names this request in the error log, the X-Request-Id header and the error page. */
    requestId?: string;
    /** The Remix route id the request matched ("routes/audit"), for the error log. */
    routeId?: string | null;
    /**
     * The signed-in user (null: nobody), resolved once per request by the server entry (withCurrentUser in
     * entry.server.tsx); undefined until resolved. Read it through currentUser or requireUser in services/auth.server.
     */
    currentUser?: CurrentUser | null;
  }
}

export {};
