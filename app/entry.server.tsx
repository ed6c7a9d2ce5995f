import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse } from "@remix-run/react";
import { logError, type ErrorContext } from "~/lib/error-log.server";
import { NonceProvider } from "~/components/nonce";
import { resolveCurrentUser } from "~/services/auth.server";

const ABORT_DELAY = 5_000;

function whereOf(request: Request, context: AppLoadContext): ErrorContext {
  return { method: request.method, path: new URL(request.url).pathname, requestId: context.requestId ?? null };
}

/**
 * Remix calls this for every error a loader, action or render throws. Refusals the app means to give (404, 405)
 * and requests the client abandoned are not faults; anything else is one structured line (see logError).
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logError(error, whereOf(request, context));
}

/**
 * The production server (server/app.ts) calls this before Remix runs anything, so the signed-in user is looked up
 * once per request and every loader and action reads it from the context. The Vite dev server has no such hook;
 * there currentUser resolves it on first use instead.
 */
export async function withCurrentUser(request: Request, context: AppLoadContext): Promise<AppLoadContext> {
  return { ...context, currentUser: await resolveCurrentUser(request) };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(error, whereOf(request, loadContext));
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
