import type { ServerResponse } from "node:http";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { env } from "../app/lib/env.server";
import { badRequestPage } from "./plain-pages";
import { branchHandlers } from "./route-branches";

/**
 * The host the browser asked for: a trusted proxy's X-Forwarded-Host, else Host. Unlike req.hostname it keeps the
 * port, which the Origin check and the request URL both need.
 */
export function requestHost(req: ExpressRequest): string {
  const trusted = (req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean)(
    req.socket.remoteAddress,
    0,
  );
  const forwarded = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.get("host") || "localhost";
}

/**
 * The Fetch request Remix sees. Its body is the one boundedBody already read and measured, never the raw stream,
 * so nothing in the app can read more than the limit.
 */
function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request | null {
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${requestHost(req)}${req.originalUrl}`);
  } catch {
    return null;
  }
  const controller = new AbortController();
  // Stop loaders and actions when the client goes away before the answer is complete.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const body = res.locals.body as Buffer | undefined;
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    body: body ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) : null,
  });
}

async function send(res: ExpressResponse, response: Response) {
  res.status(response.status);
  // The route's own headers replace the server's defaults (one X-Content-Type-Options, not two); cookies add up.
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") res.append(name, value);
    else res.setHeader(name, value);
  }
  if (response.body) await writeBody(response.body, res);
  else res.end();
}

/** Resolves when the response can take more (its buffer has drained) or will take no more (the client left). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Writes a streamed body, taking the next piece only when the client has taken the last: Remix's own writer never
 * waits, so a large streamed answer (the national readiness API, a CSV) piled up whole in memory for each client.
 * A client that leaves stops the stream, and with it the queries behind it. The pieces ready at once (a page's
 * HTML comes as dozens of small ones) go to the socket together, in one system call rather than one each.
 */
export async function writeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.writableCorked) {
        res.cork();
        setImmediate(() => res.uncork());
      }
      if (!res.write(value)) await drained(res);
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/** What server/app.ts needs from app/entry.server.tsx beyond Remix's own exports. */
interface AppEntry {
  withCurrentUser(request: Request, context: AppLoadContext): Promise<AppLoadContext>;
}

/**
 * Serves the Remix build. Anything the app answers is private unless the route says otherwise: pages show
 * personal data, and the back button after signing out on a shared computer must not show them again.
 */
export function remixHandler(
  build: ServerBuild,
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext,
): RequestHandler {
  const mode = env().NODE_ENV;
  const handlerFor = branchHandlers(build, (pageBuild) => createRequestHandler(pageBuild, mode));
  const { withCurrentUser } = build.entry.module as unknown as AppEntry;
  return async (req, res, next) => {
    try {
      const request = fetchRequest(req, res);
      if (!request) {
        res.status(400).type("html").send(badRequestPage);
        return;
      }
      const handle = handlerFor(new URL(request.url).pathname);
      const response = await handle(request, await withCurrentUser(request, loadContext(req, res)));
      if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}
