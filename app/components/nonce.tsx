import { createContext, useContext } from "react";

// The per-request CSP nonce for Remix's inline scripts; browsers hide it after load, so the client sees "".
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
