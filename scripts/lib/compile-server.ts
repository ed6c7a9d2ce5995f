/**
 * The server (server/index.ts and the app code it imports) and the PDF worker (app/pdf/worker.ts), each compiled
 * into one JavaScript file that plain Node runs (ADR 0023). Run through tsx, each server process carried tsx's
 * loader thread and compiled every module as it started: about 28 MB more at its peak, and seconds of CPU at each
 * start; and tsx is a development dependency, absent where only production dependencies are installed. Packages
 * stay outside the files and load from node_modules, so the files must sit where Node finds them (under the project).
 */
import path from "node:path";
import url from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_SOURCE = path.join(ROOT, "server/index.ts");
/** Where `npm run build` puts it: one folder below the project, as server/index.ts is, so it finds build/ the same way. */
export const SERVER_ENTRY = path.join(ROOT, "build/server.mjs");
const PDF_WORKER_SOURCE = path.join(ROOT, "app/pdf/worker.ts");
/** Where the production server looks for it (app/pdf/make.server.ts). */
const PDF_WORKER_ENTRY = path.join(ROOT, "build/pdf-worker.mjs");

function compile(source: string, outfile: string, define: Record<string, string> = {}): Promise<unknown> {
  return build({
    entryPoints: [source],
    outfile,
    bundle: true,
    // Packages load from node_modules as they do under tsx (esbuild's `packages: "external"` would take "~/" too).
    plugins: [
      {
        name: "packages-outside",
        setup: (b) => b.onResolve({ filter: /^[^./~]/ }, ({ path: name }) => ({ path: name, external: true })),
      },
    ],
    platform: "node",
    format: "esm",
    target: "node20",
    define,
    logLevel: "error",
  });
}

/** `asSource`: the file takes server/index.ts's location as its own, for a file written elsewhere. */
export async function compileServer(outfile: string, options: { asSource?: boolean } = {}): Promise<void> {
  const define: Record<string, string> = options.asSource
    ? { "import.meta.url": JSON.stringify(url.pathToFileURL(SERVER_SOURCE).href) }
    : {};
  await compile(SERVER_SOURCE, outfile, define);
}

export async function compilePdfWorker(): Promise<void> {
  await compile(PDF_WORKER_SOURCE, PDF_WORKER_ENTRY);
}
