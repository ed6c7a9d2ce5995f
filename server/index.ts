import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ContentError, getContent } from "../app/content/index.server";
import { env, EnvError } from "../app/lib/env.server";
import { createServerApp } from "./app";
import { startScheduledJobs, stopScheduledJobs } from "./jobs";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");

/** Problems a deployment can fix stop start-up here with a plain message, rather than failing a page later. */
function checkedSettings() {
  try {
    const settings = env();
    getContent();
    return settings;
  } catch (error) {
    if (error instanceof EnvError) console.error(`Care Portfolio cannot start: a setting is wrong.\n${error.message}`);
    else if (error instanceof ContentError)
      console.error(`Care Portfolio cannot start: the content files have problems.\n${error.message}`);
    else throw error;
    process.exit(1);
  }
}

const settings = checkedSettings();
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

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
