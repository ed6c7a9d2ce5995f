/** The second half of `npm run build`: the server compiled into build/server.mjs, which `npm run serve` runs. */
import { compileServer, SERVER_ENTRY } from "./lib/compile-server";

await compileServer(SERVER_ENTRY);
