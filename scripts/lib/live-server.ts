/**
 * The production server as a child process on a loopback port with its own data folder, for the soak and backup
 * checks: prepared once (migrated and seeded), then started, killed and restarted at will.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SERVER_ENTRY } from "./compile-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface DataFolder {
  dir: string;
  databasePath: string;
  env: NodeJS.ProcessEnv;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A new data folder with the demo PCN seeded, and the environment that points the app and scripts at it. */
export function prepareDataFolder(prefix: string, extraEnv: Record<string, string> = {}): DataFolder {
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js")) || !fs.existsSync(SERVER_ENTRY))
    throw new Error("The app is not built: run `npm run build` first.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const databasePath = path.join(dir, "care-portfolio.sqlite");
  // A cheaper password hash: the checks sign in often and measure durability, not hashing.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_PATH: databasePath,
    DATA_DIR: dir,
    HOST: "127.0.0.1",
    PASSWORD_HASH_COST_LOG2: "12",
    ...extraEnv,
  };
  execFileSync(TSX, ["scripts/setup.ts"], { cwd: ROOT, env, stdio: "pipe" });
  return { dir, databasePath, env };
}

export interface LiveServer {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server has written to stdout and stderr so far. */
  output: () => string;
  /** Stops the server with a signal and waits for it to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** `nodeArgs` go to Node before the server's script (`--cpu-prof`, which NODE_OPTIONS does not take). */
export async function startServer(folder: DataFolder, nodeArgs: readonly string[] = []): Promise<LiveServer> {
  const port = await freePort();
  // The server as `npm run serve` runs it: the compiled file, in Node itself (no tsx, ADR 0023).
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd: ROOT,
    env: { ...folder.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/sign-in`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      // Not left running behind the caller, holding its port and whatever output it was given.
      child.kill("SIGKILL");
      throw new Error(`The server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
