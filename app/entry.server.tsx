import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import type { ReactElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse } from "@remix-run/react";
import { logError, type ErrorContext } from "~/lib/error-log.server";
import { NonceProvider } from "~/components/nonce";
import { resolveCurrentUser } from "~/services/auth.server";
import { RequestIdProvider } from "~/components/request-id";

const ABORT_DELAY = 5_000;

interface RenderOptions {
  request: Request;
  status: number;
  headers: Headers;
  loadContext: AppLoadContext;
}

function whereOf(request: Request, context: AppLoadContext): ErrorContext {
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    requestId: context.requestId ?? null,
    routeId: context.routeId ?? null,
  };
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
  // Set on the context itself rather than a copy: copying would work out its lazily named route (server/app.ts).
  context.currentUser = await resolveCurrentUser(request);
  return context;
}

/** The answer when a page could not be rendered in time: a real page with a status, never a bare 500. */
function renderTimeoutPage(requestId: string | null): Response {
  const reference = requestId ? `<p>If you report this problem, quote this reference: ${requestId}</p>` : "";
  const html = [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>Sorry, the service is busy – Care Portfolio</title></head>",
    '<body><main id="maincontent"><h1>Sorry, the service is busy</h1>',
    "<p>The page took too long to prepare. Try again in a few minutes. What you entered has not been saved unless you saw a confirmation.</p>",
    `${reference}<p><a href="/">Go to your home page</a></p></main></body></html>`,
  ].join("");
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  return renderPage(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />, {
    request,
    status: responseStatusCode,
    headers: responseHeaders,
    loadContext,
  });
}

/**
 * Streams a page, or answers 503 (and logs it, with the route and request id) if its shell is not ready within
 * `limitMs`. The limit is a parameter so that a test can force it.
 */
export function renderPage(
  page: ReactElement,
  { request, status, headers, loadContext }: RenderOptions,
  limitMs = ABORT_DELAY,
): Promise<Response> {
  let responseStatusCode = status;
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timedOut = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext.requestId ?? null}>{page}</RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          body.on("close", () => clearTimeout(timer));
          headers.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          if (timedOut) answerTimedOut();
          else reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A reader who left stops the stream ("The destination stream closed early"): not a fault, as in handleError.
          if (shellRendered && !request.signal.aborted) logError(error, whereOf(request, loadContext));
        },
      },
    );
    let answered = false;
    // Rendering again would take as long: answer at once, and say so in the log.
    const answerTimedOut = () => {
      if (answered) return;
      answered = true;
      logError(new Error(`The page took longer than ${limitMs / 1000} s to render`), whereOf(request, loadContext));
      resolve(renderTimeoutPage(loadContext.requestId ?? null));
    };
    // Callbacks above run later, once rendering has started, so they see this timer.
    const timer = setTimeout(() => {
      timedOut = true;
      abort();
      // React 18 ends a shell that is still waiting without calling onShellError: answer here, or never.
      if (!shellRendered) answerTimedOut();
    }, limitMs);
  });
}
