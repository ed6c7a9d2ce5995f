import cluster from "node:cluster";
import crypto from "node:crypto";
import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { env } from "../app/lib/env.server";
import { limitHeapGrowth } from "../app/lib/heap.server";
import { superviseWorkers } from "./cluster";
import { migrationProblem, startupProblem } from "./startup-checks";

// Before the app is loaded: every process that serves pages keeps its heap close to what it uses (ADR 0023).
limitHeapGrowth();

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");

const problem = startupProblem() ?? (await migrationProblem());
if (problem) {
  console.error(problem);
  process.exit(1);
}
const settings = env();

/** Stops on SIGTERM (systemd, a container) or Ctrl-C, after `stop`, so a backup or purge under way can finish. */
function onStop(stop: () => Promise<unknown>) {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(0)));
  }
}

async function serve() {
  const { createServerApp } = await import("./app");
  const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  const { HOST: host, PORT: port } = settings;
  const which = cluster.isWorker ? ` (process ${process.pid})` : "";
  const server = createServerApp(build, path.join(root, "build/client"), {
    trustProxy: settings.TRUST_PROXY,
    formBodyLimitKb: settings.FORM_BODY_LIMIT_KB,
  }).listen(port, host, () => {
    console.log(`Care Portfolio is serving on http://${host}:${port}${which}`);
  });
  return server;
}

// Loaded only where they are needed: the process that starts the others serves nothing, so it starts them first.
if (settings.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
  // One key for the success-message cookie, so a message set by one process shows on a page another serves.
  const flashKey = settings.FLASH_COOKIE_SECRET ?? crypto.randomBytes(32).toString("hex");
  const stopWorkers = superviseWorkers(settings.WEB_CONCURRENCY, { ...process.env, FLASH_COOKIE_SECRET: flashKey });
  // Scheduled jobs run once per deployment, here, not in every process.
  const { startScheduledJobs, stopScheduledJobs } = await import("./jobs");
  startScheduledJobs();
  onStop(async () => {
    await stopWorkers();
    await stopScheduledJobs();
  });
} else {
  const server = await serve();
  const { startScheduledJobs, stopScheduledJobs } = await import("./jobs");
  if (cluster.isPrimary) startScheduledJobs();
  onStop(async () => {
    server.close();
    await stopScheduledJobs();
  });
}
