declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce that lets Remix's own inline scripts past the Content-Security-Policy. */
    cspNonce?: string;
    /** The client's address as the server saw it, for the audit trail and sign-in throttling. */
    clientAddress?: string;
    /** Names this request in the error log. */
    requestId?: string;
  }
}

export {};
