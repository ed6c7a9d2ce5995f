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

  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip }),
    }),
  );
  return app;
}
