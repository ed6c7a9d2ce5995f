/**
 * The server (server/index.ts and the app code it imports) compiled into one JavaScript file that plain Node runs
 * (ADR 0023). Run through tsx, each server process carried tsx's loader thread and compiled every module as it
 * started: about 28 MB more at its peak, and seconds of CPU at each start. Packages stay outside the file and load
 * from node_modules, so the file must sit where Node finds them (under the project).
 */
import path from "node:path";
import url from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_SOURCE = path.join(ROOT, "server/index.ts");
/** Where `npm run build` puts it: one folder below the project, as server/index.ts is, so it finds build/ the same way. */
export const SERVER_ENTRY = path.join(ROOT, "build/server.mjs");

/** `asSource`: the file takes server/index.ts's location as its own, for a file written elsewhere. */
export async function compileServer(outfile: string, options: { asSource?: boolean } = {}): Promise<void> {
  await build({
    entryPoints: [SERVER_SOURCE],
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
    define: options.asSource ? { "import.meta.url": JSON.stringify(url.pathToFileURL(SERVER_SOURCE).href) } : {},
    logLevel: "error",
  });
}
