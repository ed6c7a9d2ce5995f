/**
 * `npm run bench:cpu`: the server's CPU time per request of the light pages. Starts the production build on a data set
 * of the scale seed as the bench does (scripts/lib/bench/server.ts), signs in as its bench accounts, and for each of
 * the bench's pages (scripts/lib/bench/cases.ts) reads the server processes' own CPU time (/proc/<pid>/stat) around
 * a run of sequential requests. CPU time, unlike wall time, hardly moves with the machine's load, so two versions
 * can be compared on a busy machine. Prints CPU ms per request, p50/p95/p99 wall ms and the load average.
 *
 * The server signs the bench accounts in, so it writes sessions into the data set: point it at a copy. Unlike
 * `npm run bench` it does not migrate the data set (a copy may be shared by versions with different migrations):
 * it stops, saying so, if the schema is not this version's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl } from "../db/connection";
import { MIGRATION_NAMES } from "../db/migrate";
import { AUDIT_DEPTH, PAGE_CASES, type CaseContext, type PageCase } from "./lib/bench/cases";
import { openRawDb, type RawDb } from "./lib/bench/raw-db";
import { buildIfNeeded, cpuMs, serverProcesses, startBenchServer, type Target } from "./lib/bench/server";
import type { Role } from "./lib/bench/subjects";
import type { PortfolioClient } from "./lib/portfolio-client";

/** The pages measured unless --only names others: the light HTML pages with a URL known without a search. */
const DEFAULT_PAGES = [
  "coordinator-home",
  "evidence-list",
  "competency",
  "review-queue",
  "supervisor-home",
  "lead-dashboard",
  "people",
  "audit-first",
  "audit-filtered",
];
const WARM_UPS = 20;

const USAGE = `Usage: npm run bench:cpu -- --db <copy of a data set> [--requests 200] [--only <cases>] [--cpu-prof <dir>]

  --db <file>          a copy of a data set (npm run seed:scale), migrated to this version; ignored when
                       DATABASE_URL is set
  --requests <n>       sequential requests timed per page, after ${WARM_UPS} not timed
  --only <cases>       comma-separated cases (default: ${DEFAULT_PAGES.join(", ")})
  --cpu-prof <dir>     the server writes a CPU profile (node --cpu-prof) into <dir> when it stops

DATABASE_URL set: the server uses that PostgreSQL database (the CPU is the app server's only). WEB_CONCURRENCY
reaches the server; the CPU is then that of all its processes. See docs/performance.md.
Cases: ${PAGE_CASES.map((c) => c.name).join(", ")}`;

/** Stops before any server starts, saying why; the usage too when the call itself was wrong. */
function stop(problem: string, withUsage = false): never {
  console.error(withUsage ? `${problem}\n\n${USAGE}` : problem);
  process.exit(2);
}
function usage(problem: string): never {
  return stop(problem, true);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: "string" },
        requests: { type: "string", default: "200" },
        only: { type: "string" },
        "cpu-prof": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const url = databaseUrl();
  if (!values.db && !url) usage("--db <copy of a data set> is required.");
  const requests = Number(values.requests);
  if (!Number.isInteger(requests) || requests < 1) usage("--requests takes a whole number, 1 or more.");
  const names = values.only?.split(",").map((n) => n.trim()) ?? DEFAULT_PAGES;
  const unknown = names.filter((n) => !PAGE_CASES.some((c) => c.name === n));
  if (unknown.length) usage(`Unknown case: ${unknown.join(", ")}.`);
  // The server is given the file's folder even on PostgreSQL: the bench's own default then, as it is unused.
  const target: Target = { sqliteFile: path.resolve(values.db ?? "data/scale-1.sqlite"), databaseUrl: url };
  if (!url && !fs.existsSync(target.sqliteFile)) stop(`There is no data set at ${values.db}.`);
  return {
    target,
    requests,
    cases: PAGE_CASES.filter((c) => names.includes(c.name)),
    nodeArgs: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [],
  };
}

/** Why the data set does not fit this version's schema, or null: the pages would answer 500 part way otherwise. */
async function schemaProblem(db: RawDb): Promise<string | null> {
  const applied = new Set((await db.all("SELECT name FROM kysely_migration")).map((r) => String(r.name)));
  const missing = MIGRATION_NAMES.filter((name) => !applied.has(name));
  const unknown = [...applied].filter((name) => !MIGRATION_NAMES.includes(name));
  if (missing.length)
    return `The data set lacks this version's migrations ${missing.join(", ")}: migrate your copy first (DATABASE_PATH=<copy> npm run db:migrate).`;
  if (unknown.length)
    return `The data set has migrations this version does not know (${unknown.join(", ")}): use a copy made for it.`;
  return null;
}

/** The machine's load averages: beside CPU figures taken on a busy machine, so a reader can judge them. */
const printLoad = () =>
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );

/** Times `requests` sequential requests of one page after warming it up; one row of the table. */
async function measure(c: PageCase, ctx: CaseContext, serverPid: number, requests: number): Promise<string> {
  const found = await c.path(ctx);
  if ("unavailable" in found) return `${c.name.padEnd(18)} not measured: ${found.unavailable}`;
  const client = ctx.clients[c.as];
  const get = async () => {
    const response = await client.get(found.path);
    const size = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${c.name}: ${found.path} answered ${response.status}`);
    return size;
  };
  let size = 0;
  for (let i = 0; i < WARM_UPS; i++) size = await get();
  const times: number[] = [];
  const pids = serverProcesses(serverPid);
  const before = cpuMs(pids);
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await get();
    times.push(performance.now() - started);
  }
  const cpu = (cpuMs(pids) - before) / requests;
  const { percentiles } = await import("./lib/bench/measure");
  const { p50, p95, p99 } = percentiles(times);
  return [
    c.name.padEnd(18),
    cpu.toFixed(2).padStart(10),
    p50.toFixed(1).padStart(7),
    p95.toFixed(1).padStart(7),
    p99.toFixed(1).padStart(7),
    (size / 1024).toFixed(0).padStart(4),
  ].join(" ");
}

const { target, requests, cases, nodeArgs } = options();
const db = await openRawDb(target);
try {
  const problem = await schemaProblem(db);
  if (problem) stop(problem);
  buildIfNeeded();
  // Loaded only for a data set that can be measured: they take seconds under tsx.
  const [{ BENCH_EMAILS, BENCH_PASSWORD, findSubjects, MissingAccounts }, { PortfolioClient: Client }] =
    await Promise.all([import("./lib/bench/subjects"), import("./lib/portfolio-client")]);
  const subjects = await findSubjects(db).catch((error: unknown) => {
    if (error instanceof MissingAccounts)
      stop(`${error.message} bench:cpu signs in as the accounts npm run seed:scale creates.`);
    throw error;
  });
  console.error(`Starting the server on ${target.databaseUrl ? "PostgreSQL" : target.sqliteFile}...`);
  const server = await startBenchServer(target, { nodeArgs });
  // Stopped whatever happens: a server left behind keeps its port and holds the output of whoever ran this open.
  try {
    const clients = {} as Record<Role, PortfolioClient>;
    for (const role of new Set(cases.map((c) => c.as))) {
      clients[role] = new Client(server.baseUrl, BENCH_EMAILS[role], BENCH_PASSWORD);
      await clients[role].signIn();
    }
    const ctx: CaseContext = { subjects, clients, db, auditDepth: AUDIT_DEPTH, auditBudgetMs: 120_000 };
    printLoad();
    console.log("page               CPU ms/req  p50 ms  p95 ms  p99 ms  KB");
    for (const c of cases) console.log(await measure(c, ctx, server.child.pid!, requests));
    printLoad();
  } catch (error) {
    // Why a page failed is in the server's error log (one JSON line per error, with the route).
    console.error(`The server's output:\n${server.output()}`);
    throw error;
  } finally {
    await server.stop();
  }
} finally {
  await db.close();
}
