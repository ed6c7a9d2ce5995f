/**
 * One JSON line per unexpected error, for whoever runs the service. It says where and what, never who: no
 * query strings, form values, cookies or stack traces (a stack per request fills a disk and hides the cause).
 */
export interface ErrorContext {
  method: string;
  /** The path only: query strings can carry names typed into a search. */
  path: string;
  requestId: string | null;
  /** The Remix route the request was for ("routes/audit"), when it matched one. */
  routeId?: string | null;
}

const MAX_MESSAGE = 300;

/** The first line of the stack that is in our own code, so the line says where without the whole trace. */
function origin(error: Error): string | null {
  const frame = error.stack
    ?.split("\n")
    .find((line) => line.trim().startsWith("at ") && !line.includes("node_modules") && !line.includes("node:"));
  return frame?.trim().slice(3, 300) ?? null;
}

export function errorLogLine(error: unknown, where: ErrorContext, now = new Date()): string {
  const err = error instanceof Error ? error : null;
  return JSON.stringify({
    time: now.toISOString(),
    level: "error",
    requestId: where.requestId,
    method: where.method,
    route: where.path,
    ...(where.routeId ? { routeId: where.routeId } : {}),
    error: err?.name ?? typeof error,
    message: (err?.message ?? String(error)).replace(/\s+/g, " ").slice(0, MAX_MESSAGE),
    at: err ? origin(err) : null,
  });
}

export function logError(error: unknown, where: ErrorContext): void {
  console.error(errorLogLine(error, where));
}
