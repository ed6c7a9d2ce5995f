import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { crossSiteRefusal, securityHeaders } from "../app/utils/security.server";

/** The production HTTP app: static files, security headers, the cross-site write check, then Remix. */
export function createServerApp(build: ServerBuild, clientDir: string) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a TLS-terminating proxy the deployment sets TRUST_PROXY so req.protocol and req.ip are the client's.
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, req.secure));
    const refusal = crossSiteRefusal({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      ownOrigin: `${req.protocol}://${req.get("host")}`,
    });
    if (refusal) {
      res.status(403).type("text/plain").send("This request came from another site and was refused.");
      return;
    }
    next();
  });

  app.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(clientDir, { maxAge: "1h", index: false }));

  app.use(drainUnreadBodies);
  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip }),
    }),
  );
  return app;
}

/**
 * When a page answers without reading the request body (a 404 for someone else's record, a refusal), the rest of
 * the body is left unread on the connection, held back by Remix's paused body stream, and Remix later cancels it,
 * which destroys the socket: the client, still sending, gets a connection reset instead of the answer. So the
 * unread rest is read and thrown away instead, and the connection stays usable. (Body size limits and the
 * server's request timeout bound what a client can send.)
 */
function drainUnreadBodies(req: express.Request, res: express.Response, next: express.NextFunction) {
  const drain = () => {
    if (req.complete || req.destroyed) return;
    req.removeAllListeners("data");
    req.pause = () => req;
    req.resume();
  };
  const destroy = req.destroy.bind(req);
  req.destroy = (error?: Error) => {
    if (req.complete) return destroy(error);
    drain();
    return req;
  };
  res.once("finish", drain);
  next();
}
