import { createContext, useContext, useEffect, useState } from "react";

/** The id of the request a page was rendered for, as the server sent it in X-Request-Id and logged it. */
const RequestIdContext = createContext<string | null>(null);

export const RequestIdProvider = RequestIdContext.Provider;

/** The element the error page shows the id in; the browser reads it back while hydrating. */
export const REQUEST_ID_ELEMENT = "request-id";

/** True in the browser until the first page the server sent has been hydrated. */
let hydrating = typeof document !== "undefined";

/**
 * The request id to show with `error`: the server knows it while rendering; the browser, hydrating that same page,
 * reads what the server wrote, so both render the same text. An error met later in the browser (a client-side
 * navigation) was never rendered by the server and shows none rather than an old one.
 */
export function useRequestId(error: unknown): string | null {
  const fromServer = useContext(RequestIdContext);
  const [first] = useState(() => ({
    error,
    id: fromServer ?? (hydrating ? (document.getElementById(REQUEST_ID_ELEMENT)?.textContent ?? null) : null),
  }));
  useEffect(() => {
    hydrating = false;
  }, []);
  return first.error === error ? first.id : null;
}
