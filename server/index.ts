import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { env } from "../app/lib/env.server";
import { createServerApp } from "./app";
import { startScheduledJobs, stopScheduledJobs } from "./jobs";
import { startupProblem } from "./startup-checks";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");

const problem = startupProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
const settings = env();
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const { HOST: host, PORT: port } = settings;

const server = createServerApp(build, path.join(root, "build/client"), {
  trustProxy: settings.TRUST_PROXY,
  formBodyLimitKb: settings.FORM_BODY_LIMIT_KB,
}).listen(port, host, () => {
  console.log(`Care Portfolio is serving on http://${host}:${port}`);
});
startScheduledJobs();

// A stop (systemd, a container, Ctrl-C) lets a backup or purge under way finish before the process ends.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    void stopScheduledJobs().finally(() => process.exit(0));
  });
}
