import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createServerApp } from "./app";

const root = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;

const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

createServerApp(build, path.join(root, "build/client")).listen(port, host, () => {
  console.log(`Care Portfolio is serving on http://${host}:${port}`);
});
