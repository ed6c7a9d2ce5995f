import type { ServerResponse } from "node:http";
import { PassThrough, type Writable } from "node:stream";
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
 * How each page's Response can be written straight to a Node response (pipeDocument). Kept beside the Response
 * rather than on it: Remix hands the same object back, and any Response it made instead (HEAD) is not in here.
 */
const documentPipes = new WeakMap<Response, (res: ServerResponse) => void>();

/**
 * Writes a page rendered by renderPage straight from React to the socket, and says whether it did: the server
 * (server/remix-handler.ts) calls this first. Taking the page's body as a web stream instead costs a light page
 * about a tenth of its CPU (PassThrough, web stream, a reader and a promise for every 2 KB piece). Returns false
 * for any other Response, or one whose body is already being read.
 */
export function pipeDocument(response: Response, res: ServerResponse): boolean {
  const pipe = documentPipes.get(response);
  pipe?.(res);
  return pipe !== undefined;
}

/**
 * React writes a page in 2 KB pieces and calls flush() after each batch it has ready: the batch goes to the socket
 * in one system call rather than one a piece. The response's end() uncorks whatever is left.
 */
function batchedWrites(res: ServerResponse): Writable {
  const destination = {
    write(chunk: Uint8Array) {
      if (!res.writableCorked) res.cork();
      return res.write(chunk);
    },
    flush() {
      if (res.writableCorked) res.uncork();
    },
    end: () => res.end(),
    destroy: (error?: Error) => res.destroy(error),
    // React listens for drain (back-pressure), error and close (the client left) on what it writes to.
    on(event: string, listener: () => void) {
      res.on(event, listener);
      return destination;
    },
  };
  return destination as unknown as Writable;
}

/**
 * The page as a web stream, for whoever reads the Response's body (the Vite dev server, tests): React starts
 * writing into it when it is first read.
 */
function lazyBody(start: () => PassThrough, stop: () => void): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= createReadableStreamFromReadable(start()).getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => (reader ? reader.cancel(reason) : stop()),
    },
    // Nothing is read ahead: a body nobody reads starts no render output.
    { highWaterMark: 0 },
  );
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
          // React takes one destination: the socket (pipeDocument) or the body's stream, whichever asks first.
          const pipeTo = <Destination extends Writable>(destination: Destination) => {
            documentPipes.delete(response);
            destination.on("close", () => clearTimeout(timer));
            pipe(destination);
            return destination;
          };
          headers.set("Content-Type", "text/html; charset=utf-8");
          // A web stream costs even unread: none for the production server, which always pipes (pipeDocument).
          const body = loadContext.pipesDocuments
            ? null
            : lazyBody(
                () => pipeTo(new PassThrough()),
                () => {
                  clearTimeout(timer);
                  abort();
                },
              );
          const response = new Response(body, { headers, status: responseStatusCode });
          documentPipes.set(response, (res) => pipeTo(batchedWrites(res)));
          resolve(response);
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
