/**
 * Raw HTTP for tests that must set what fetch will not (Host, a declared Content-Length with no body, a chunked
 * body sent piece by piece) and see every header, including each Set-Cookie.
 */
import http from "node:http";
import Database from "better-sqlite3";
import path from "node:path";
import type { App } from "./browser";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with its Content-Length (unless headers say otherwise). */
  body?: string | Buffer;
  /** Sent chunked, piece by piece, stopping early if the server answers first. */
  chunks?: { size: number; count: number };
}

export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    const declares = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
    if (req.body !== undefined && !declares("content-length") && !declares("transfer-encoding")) {
      headers["Content-Length"] = String(Buffer.byteLength(req.body));
    }
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method ?? "GET", headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    let answered = false;
    request.on("response", () => (answered = true));
    // A server refusing a body closes the connection while we may still be sending: give its answer time to land.
    request.on("error", (error) => setTimeout(() => (answered ? undefined : reject(error)), 500));
    if (req.chunks) {
      const piece = Buffer.alloc(req.chunks.size, "a");
      let sent = 0;
      // One piece per turn of the event loop, so an early answer is read before the next write.
      const pump = () => {
        if (answered || request.destroyed) return;
        if (sent++ === req.chunks!.count) return void request.end();
        if (request.write(piece)) setImmediate(pump);
        else request.once("drain", pump);
      };
      pump();
    } else if (req.body !== undefined && req.body.length > 0) {
      request.end(req.body);
    } else if (req.body === undefined || !headers["Content-Length"] || headers["Content-Length"] === "0") {
      request.end();
    } else {
      // A declared length with nothing sent: the server must answer from the header alone.
      request.flushHeaders();
    }
  });
}

export function setCookies(res: RawResponse): string[] {
  return res.headers["set-cookie"] ?? [];
}

/** The app's database, opened read-write beside the running server (WAL lets both work). */
export function appDatabase(app: App) {
  return new Database(path.join(app.dataDir, "e2e.sqlite"));
}

/** Runs SQL on the app's database beside the running server (to break a table, say, and mend it again). */
export function exec(app: App, statement: string) {
  const db = appDatabase(app);
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
