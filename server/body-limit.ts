import type { RequestHandler, Response } from "express";
import { MAX_UPLOAD_REQUEST_BYTES } from "../app/domain/file-check";
import { tooLargePage } from "./plain-pages";

/**
 * Pages whose forms carry files (with or without JavaScript: single fetch posts to the same path plus ".data").
 * Every other path gets the small form limit, whatever content type the request claims.
 */
const UPLOAD_PATHS = [/^\/evidence\/(new|\d+\/edit)(\.data)?\/?$/, /^\/people\/\d+\/training(\/\d+)?(\.data)?\/?$/];

export function bodyLimitFor(path: string, contentType: string | undefined, formLimitBytes: number): number {
  const multipart = /^multipart\/form-data\b/i.test(contentType ?? "");
  return multipart && UPLOAD_PATHS.some((pattern) => pattern.test(path)) ? MAX_UPLOAD_REQUEST_BYTES : formLimitBytes;
}

const HAS_NO_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Reads every request body here, before anything parses it, and refuses one over its limit with 413: at once when
 * Content-Length says so, or as soon as a chunked body passes it. The body is kept in res.locals.body for the
 * app. Refusing closes the connection, so the rest of an oversized body is never read.
 */
export function boundedBody(formLimitKb: number): RequestHandler {
  const formLimitBytes = formLimitKb * 1024;
  const refuse = (res: Response) => {
    res
      .status(413)
      .set({ Connection: "close", "Cache-Control": "no-store" })
      .type("html")
      .send(tooLargePage(formLimitKb));
  };
  return (req, res, next) => {
    if (HAS_NO_BODY.has(req.method)) return next();
    const limit = bodyLimitFor(req.path, req.get("content-type"), formLimitBytes);
    if (Number(req.get("content-length") ?? 0) > limit) return refuse(res);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      chunks.length = 0;
      refuse(res);
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
