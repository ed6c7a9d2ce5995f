import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { logError } from "../app/lib/error-log.server";
import type { TrustProxy } from "../app/lib/env.server";
import { isFormContentType } from "../app/lib/form-content-type";
import { crossSiteRefusal, cspNonce, securityHeaders } from "../app/lib/security.server";
import { boundedBody } from "./body-limit";
import { crossSitePage, notAFormPage, serverErrorPage } from "./plain-pages";
import { remixHandler, requestHost } from "./remix-handler";
import { routeNamer } from "./route-ids";

export interface ServerSettings {
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Largest ordinary form body in KB (FORM_BODY_LIMIT_KB). */
  formBodyLimitKb: number;
}

/**
 * The production HTTP app: request id, security headers, the cross-site write check, the body limit, static
 * files, then Remix. Everything that can refuse a request does so before any body is parsed.
 */
export function createServerApp(build: ServerBuild, clientDir: string, settings: ServerSettings) {
  const app = express();
  app.disable("x-powered-by");
  // Nothing reads req.query (Remix reads the URL itself): parsing every query string with qs was wasted.
  app.set("query parser", false);
  // Express takes a string as an address, so the parsed setting (a hop count stays a number) goes in as it is.
  app.set("trust proxy", settings.trustProxy);

  const routeOf = routeNamer(build);
  app.use((req, res, next) => {
    // Every answer names its request, and so does every error logged for it: a user can quote it, ops can find it.
    res.locals.requestId = crypto.randomUUID();
    res.set("X-Request-Id", res.locals.requestId as string);
    const nonce = cspNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, req.secure));
    const refusal = crossSiteRefusal({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      ownOrigin: `${req.protocol}://${requestHost(req)}`,
    });
    if (refusal) {
      res.status(403).type("html").send(crossSitePage);
      return;
    }
    next();
  });

  // Nothing here answers cross-origin preflights; say which methods exist instead of erroring in the app.
  app.options("*", (_req, res) => {
    res.set("Allow", "GET, HEAD, POST").status(204).end();
  });

  // Every write here is a form post: anything else is refused before Remix, which would fail on it with a 500.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (req.method !== "POST")
      return void res.set("Allow", "GET, HEAD, POST").status(405).type("html").send(notAFormPage);
    if (!isFormContentType(req.get("content-type"))) return void res.status(415).type("html").send(notAFormPage);
    next();
  });

  app.use(boundedBody(settings.formBodyLimitKb));

  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  app.use(topLevelFiles(clientDir));

  app.all(
    "*",
    remixHandler(build, (req, res) => {
      let routeId: string | null | undefined;
      return {
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip,
        requestId: res.locals.requestId as string,
        // Named when an error log asks: matching the path against every route costs each request a millisecond.
        get routeId() {
          routeId ??= routeOf(req.path);
          return routeId;
        },
      };
    }),
  );

  const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
    logError(error, {
      method: req.method,
      path: req.path,
      requestId: (res.locals.requestId as string | undefined) ?? null,
      routeId: routeOf(req.path),
    });
    if (res.headersSent) return void res.end();
    res
      .status(500)
      .set("Cache-Control", "no-store")
      .type("html")
      .send(serverErrorPage(res.locals.requestId as string | undefined));
  };
  app.use(lastResort);
  return app;
}

/**
 * The rest of the client folder (anything beside assets/), for the paths that lead into it. A page's path is not
 * looked up on disk first: a failed stat and its error on every request cost more than the rest of the static layer.
 */
function topLevelFiles(clientDir: string): RequestHandler {
  const names = new Set(fs.existsSync(clientDir) ? fs.readdirSync(clientDir) : []);
  const serve = express.static(clientDir, { maxAge: "1h", index: false });
  return (req, res, next) => (names.has(req.path.split("/")[1] ?? "") ? serve(req, res, next) : next());
}
