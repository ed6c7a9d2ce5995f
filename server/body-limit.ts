import type { RequestHandler, Response } from "express";
import { MAX_UPLOAD_REQUEST_BYTES } from "../app/domain/file-check";
import { tooLargePage } from "./plain-pages";

/**
 * Pages whose forms carry files (with or without JavaScript: single fetch posts to the same path plus ".data").
 * Every other path gets the small form limit, whatever content type the request claims.
 */
const UPLOAD_PATHS = [
  /^\/evidence\/(new|\d+\/edit)(\.data)?\/?$/,
  /^\/people\/\d+\/training(\/\d+)?(\.data)?\/?$/,
  /^\/dashboard\/import(\.data)?\/?$/,
];

export function bodyLimitFor(path: string, contentType: string | undefined, formLimitBytes: number): number {
  const multipart = /^multipart\/form-data\b/i.test(contentType ?? "");
  return multipart && UPLOAD_PATHS.some((pattern) => pattern.test(path)) ? MAX_UPLOAD_REQUEST_BYTES : formLimitBytes;
}

const HAS_NO_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A refused body the client is still sending is read and dropped up to this size, with the connection kept, so the
 * client (which may be busy writing) reads the 413 page instead of a broken pipe. Past it the connection closes.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads every request body here, before anything parses it, and refuses one over its limit with 413: at once when
 * Content-Length says so, or as soon as a chunked body passes it. The body is kept in res.locals.body for the
 * app. A refused body is never kept: what is still coming is dropped (up to DRAIN_BYTES) or the connection closed.
 */
export function boundedBody(formLimitKb: number): RequestHandler {
  const formLimitBytes = formLimitKb * 1024;
  const refuse = (res: Response, closeConnection: boolean) => {
    res
      .status(413)
      .set({ ...(closeConnection ? { Connection: "close" } : {}), "Cache-Control": "no-store" })
      .type("html")
      .send(tooLargePage(formLimitKb));
  };
  return (req, res, next) => {
    if (HAS_NO_BODY.has(req.method)) return next();
    const limit = bodyLimitFor(req.path, req.get("content-type"), formLimitBytes);
    const declared = Number(req.get("content-length") ?? 0);
    // Node drops the rest of a declared body by itself once the answer is sent on a kept connection.
    if (declared > limit) return refuse(res, declared > DRAIN_BYTES);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (settled) {
        if (size > DRAIN_BYTES) req.socket.destroy();
        return;
      }
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      chunks.length = 0;
      refuse(res, false);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      res.locals.body = Buffer.concat(chunks, size);
      next();
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      next(error);
    });
  };
}
