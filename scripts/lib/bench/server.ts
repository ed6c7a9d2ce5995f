/**
 * The production server the bench measures: built once if the build is missing or older than the code, the
 * database migrated to this version, then started on a free loopback port (see ../live-server.ts), optionally with
 * its query log on. Also reads the peak memory and the CPU time of the server's processes (several with
 * WEB_CONCURRENCY).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENTRY } from "../compile-server";
import { startServer, type LiveServer } from "../live-server";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const BUILT = path.join(ROOT, "build/server/index.js");

export interface Target {
  /** The SQLite file, also when DATABASE_URL points the server at PostgreSQL (then unused by the server). */
  sqliteFile: string;
  databaseUrl?: string;
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the app unless build/ is newer than everything in app/, db/, content/ and server/. */
export function buildIfNeeded(): void {
  const builtAt = Math.min(...[BUILT, SERVER_ENTRY].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const changedAt = Math.max(...["app", "db", "content", "server"].map((d) => newestChange(path.join(ROOT, d))));
  if (builtAt > changedAt) return;
  console.error("Building the app (npm run build)...");
  try {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // Vite's warnings fill a screen on every build: show the output only when the build fails.
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`${stdout ?? ""}${stderr ?? ""}`);
    throw new Error("npm run build failed", { cause: error });
  }
}

function serverEnv(target: Target, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    DATABASE_PATH: target.sqliteFile,
    ...extra,
  };
  // DATABASE_URL and WEB_CONCURRENCY reach the server as they are set for the bench.
  if (!target.databaseUrl) delete env.DATABASE_URL;
  return env;
}

/** Brings the database to this version's schema, as `npm run db:migrate` does. */
export function migrate(target: Target): void {
  execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
    cwd: ROOT,
    env: serverEnv(target, {}),
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export interface BenchServerOptions {
  /** Where the server logs every query it runs (QUERY_LOG); off when unset. */
  queryLog?: string;
  /** Arguments for the server's Node (`--cpu-prof`). */
  nodeArgs?: readonly string[];
}

export function startBenchServer(target: Target, { queryLog, nodeArgs }: BenchServerOptions = {}): Promise<LiveServer> {
  const env = serverEnv(target, queryLog ? { QUERY_LOG: queryLog } : {});
  if (!queryLog) delete env.QUERY_LOG;
  return startServer({ dir: path.dirname(target.sqliteFile), databasePath: target.sqliteFile, env }, nodeArgs);
}

const isNode = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "node";
  } catch {
    return false;
  }
};

/** The server's Node processes: the one started and any under it (cluster workers), not tsx's esbuild helper. */
export function serverProcesses(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent id is the 2nd field after the command name, which sits in parentheses and may hold spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      /* the process ended while we looked */
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree.filter(isNode);
}

/** Starts each process's peak-memory count afresh, so the next reading covers only what follows. */
export function resetPeakMemory(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      /* not allowed here: the reading then covers the process's whole life */
    }
  }
}

/** The highest peak resident memory (VmHWM) of these processes, in MB. */
export function peakMemoryMb(pids: readonly number[]): number {
  let peak = 0;
  for (const pid of pids) {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      peak = Math.max(peak, Number(kb ?? 0) / 1024);
    } catch {
      /* ended */
    }
  }
  return peak;
}

/** The user + system CPU time these processes have used so far, in milliseconds (clock ticks of 1/100 s). */
export function cpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // utime and stime are the 12th and 13th fields after the command name.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      /* ended */
    }
  }
  return ms;
}
