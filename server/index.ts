import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ContentError, getContent } from "../app/content/index.server";
import { createServerApp } from "./app";
import { startScheduledJobs } from "./jobs";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");
// Broken content stops start-up here, naming each file, field and problem, rather than failing a page later.
try {
  getContent();
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`Care Portfolio cannot start: the content files have problems.\n${error.message}`);
  process.exit(1);
}

const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

createServerApp(build, path.join(root, "build/client")).listen(port, host, () => {
  console.log(`Care Portfolio is serving on http://${host}:${port}`);
});
startScheduledJobs();
