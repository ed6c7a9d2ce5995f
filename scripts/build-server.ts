/**
 * The second half of `npm run build`: the server compiled into build/server.mjs, which `npm run serve` runs, and
 * the PDF worker into build/pdf-worker.mjs, which that server's PDF processes run.
 */
import { compilePdfWorker, compileServer, SERVER_ENTRY } from "./lib/compile-server";

await Promise.all([compileServer(SERVER_ENTRY), compilePdfWorker()]);
