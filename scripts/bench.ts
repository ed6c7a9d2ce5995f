/**
 * `npm run bench`: every page of issue 12's list measured on the production build against a large data set
 * (`npm run seed:scale`), each next to its floor (the same rows by raw SQL), with the query plans of everything a
 * page runs, and the server's memory from its start and through a burst of sign-ins. Prints a table and saves
 * bench-results/<time>.json; exits 1 only when a page scans a large table whole. Figures are reported, not
 * asserted: this is not a test. See docs/performance.md.
 *
 *   npm run bench -- [--db data/scale-1.sqlite] [--duration 5] [--only coordinator-home,pdf-layout]
 *                    [--audit-depth 2000] [--out bench-results]
 *
 * DATABASE_URL set: the server and the floors use that PostgreSQL database instead. WEB_CONCURRENCY reaches the
 * server as it is.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { LiveServer } from "./lib/live-server";
import type { PortfolioClient } from "./lib/portfolio-client";
import { AUDIT_DEPTH, PAGE_CASES, type CaseContext, type PageCase } from "./lib/bench/cases";
import type { RawDb } from "./lib/bench/raw-db";
import type { BenchResults, CaseResult, SignInBurst } from "./lib/bench/report";
import type { Target } from "./lib/bench/server";
import type { Role, Subjects } from "./lib/bench/subjects";

const LAYOUT = "pdf-layout";
/** One request slower than this is not load-tested: 20 connections of it would only queue. */
const TOO_SLOW_MS = 10_000;
/** A page gets this long to answer its first request; then the (blocked) server is killed and started again. */
const FIRST_ANSWER_MS = 120_000;

const USAGE = `Usage: npm run bench -- [--db data/scale-1.sqlite] [--duration 5] [--only <cases>] [--audit-depth 2000] [--out bench-results]

  --db <file>          the SQLite data set (npm run seed:scale makes one); ignored when DATABASE_URL is set
  --duration <s>       seconds each page is loaded for, at each number of connections
  --only <cases>       comma-separated cases to run (all by default)
  --audit-depth <n>    how many pages into the audit trail the deep page is
  --out <dir>          where the JSON results go

DATABASE_URL set: the server and the floors use that PostgreSQL database. WEB_CONCURRENCY reaches the server.
See docs/performance.md.
Cases: ${[...PAGE_CASES.map((c) => c.name), LAYOUT].join(", ")}`;

function usage(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        db: { type: "string", default: "data/scale-1.sqlite" },
        duration: { type: "string", default: "5" },
        only: { type: "string" },
        "audit-depth": { type: "string", default: String(AUDIT_DEPTH) },
        out: { type: "string", default: "bench-results" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    // An unknown or malformed option: say what went wrong and how to call it, not a stack trace.
    usage((error as Error).message);
  }
}

const { values } = parseOptions();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const duration = Number(values.duration);
const auditDepth = Number(values["audit-depth"]);
if (!(duration > 0)) usage("--duration takes a number of seconds, more than 0.");
if (!Number.isInteger(auditDepth) || auditDepth < 1) usage("--audit-depth takes a whole number of pages, 1 or more.");
const only = values.only?.split(",").map((n) => n.trim()) ?? null;
const unknown = only?.filter((n) => n !== LAYOUT && !PAGE_CASES.some((c) => c.name === n)) ?? [];
if (unknown.length) usage(`Unknown case: ${unknown.join(", ")}.`);
const cases = PAGE_CASES.filter((c) => !only || only.includes(c.name));

// Loaded once the options are sound: they take seconds under tsx, which `--help` and a mistyped option need not wait.
const [
  { databaseUrl },
  { env },
  { PortfolioClient: Client },
  { loadPage, timeRepeatedly },
  { benchPdfLayout },
  { checkPlans, readQueryLog },
  { openRawDb },
  { memoryLines, printPlans, saveResults, table },
  { buildIfNeeded, migrate, peakMemoryMb, resetPeakMemory, serverProcesses, startBenchServer },
  { BENCH_EMAILS, BENCH_PASSWORD, findSubjects, latestSessionHash, MissingAccounts },
] = await Promise.all([
  import("../db/connection"),
  import("~/lib/env.server"),
  import("./lib/portfolio-client"),
  import("./lib/bench/measure"),
  import("./lib/bench/pdf-layout"),
  import("./lib/bench/plans"),
  import("./lib/bench/raw-db"),
  import("./lib/bench/report"),
  import("./lib/bench/server"),
  import("./lib/bench/subjects"),
]);
const target: Target = { sqliteFile: path.resolve(values.db), databaseUrl: databaseUrl() };

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  machine: { cores: os.cpus().length, loadAverageAtStart: os.loadavg()[0]! },
  database: {
    kind: target.databaseUrl ? "postgres" : "sqlite",
    where: target.databaseUrl ? new URL(target.databaseUrl).pathname.slice(1) : values.db,
  },
  durationSeconds: duration,
  webConcurrency: env().WEB_CONCURRENCY,
  cases: [],
  fullScans: [],
};

/** Each bench account's session cookie: sessions live in the database, so they outlast a server restart. */
const cookies = {} as Record<Role, string>;

async function signIn(baseUrl: string): Promise<Record<Role, PortfolioClient>> {
  const clients = {} as Record<Role, PortfolioClient>;
  for (const role of Object.keys(BENCH_EMAILS) as Role[]) {
    clients[role] = new Client(baseUrl, BENCH_EMAILS[role], BENCH_PASSWORD);
    await clients[role].signIn();
    cookies[role] = clients[role].cookieHeader();
  }
  return clients;
}

/** Pass 1, with the server's query log on: each page once, its queries and their plans. */
async function explainPages(db: RawDb, subjects: Subjects, sizes: Map<string, number>): Promise<CaseResult[]> {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-bench-")), "queries.jsonl");
  let server = await startBenchServer(target, { queryLog: logFile });
  try {
    const clients = await signIn(server.baseUrl);
    for (const role of Object.keys(clients) as Role[])
      subjects[role].sessionHash = await latestSessionHash(db, subjects[role].id);
    const ctx: CaseContext = { subjects, clients, db, auditDepth, auditBudgetMs: 120_000 };
    const explained: CaseResult[] = [];
    for (const c of cases) {
      const result = await explainPage(c, ctx, server.baseUrl, logFile, sizes);
      explained.push(result);
      if (!result.path || result.first) continue;
      // No answer in time: the server may be stuck in the request for minutes more. Start a fresh one.
      await server.stop("SIGKILL");
      server = await startBenchServer(target, { queryLog: logFile });
      for (const client of Object.values(clients)) client.setServer(server.baseUrl);
    }
    return explained;
  } finally {
    await server.stop();
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
  }
}

/** One request for the page, given FIRST_ANSWER_MS to answer: its status and time, or null for no answer. */
async function firstRequest(url: string, cookie: string): Promise<{ status: number; ms: number } | null> {
  const start = performance.now();
  try {
    const response = await fetch(url, {
      headers: { cookie },
      redirect: "manual",
      signal: AbortSignal.timeout(FIRST_ANSWER_MS),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return null;
    throw error;
  }
}

async function explainPage(
  c: PageCase,
  ctx: CaseContext,
  baseUrl: string,
  logFile: string,
  sizes: Map<string, number>,
): Promise<CaseResult> {
  const result: CaseResult = { name: c.name, label: c.label, as: c.as, light: c.light, pdf: Boolean(c.pdf), runs: [] };
  let found;
  try {
    found = await c.path(ctx);
  } catch (error) {
    found = { unavailable: `could not find its URL: ${(error as Error).message}` };
  }
  if ("unavailable" in found) return { ...result, skipped: found.unavailable };
  result.path = found.path;
  result.label = found.label ?? c.label;
  const { end } = readQueryLog(logFile);
  const first = await firstRequest(baseUrl + found.path, cookies[c.as]);
  // The queries of a page that did not answer in time are still worth explaining: they are why.
  const { queries } = readQueryLog(logFile, end);
  result.plans = await checkPlans(ctx.db, queries, sizes);
  result.queries = { run: queries.length, distinct: result.plans.length };
  printPlans(result);
  if (!first) return { ...result, skipped: `no answer within ${FIRST_ANSWER_MS / 1000} s` };
  result.first = first;
  if (first.status !== 200) return { ...result, skipped: `it answered ${first.status}` };
  return result;
}

const WARM_UP_REQUESTS = 20;

/** Requests a page a few times, unmeasured, before it is timed. */
async function warmUp(url: string, cookie: string): Promise<void> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
}

/** The server's peak memory from its start to a person's first page after signing in, as a fresh server meets it. */
async function startupPeak(server: LiveServer): Promise<number> {
  const client = new Client(server.baseUrl, BENCH_EMAILS.coordinator, BENCH_PASSWORD);
  await client.signIn();
  await (await client.get("/")).arrayBuffer();
  return peakMemoryMb(serverProcesses(server.child.pid!));
}

/**
 * Sign-ins at once, as at the start of a clinic's day: each checks its password with scrypt, which holds 32 MiB
 * while it runs (128 MiB for a hash made before 27 November 2026; app/lib/password.server.ts), so this is where a
 * server's memory peaks.
 */
const SIGN_IN_BURST = 8;

/** The busiest server process's peak memory while SIGN_IN_BURST people sign in at the same moment. */
async function signInBurst(server: LiveServer): Promise<SignInBurst> {
  resetPeakMemory(serverProcesses(server.child.pid!));
  const start = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: SIGN_IN_BURST }, () =>
      new Client(server.baseUrl, BENCH_EMAILS.coordinator, BENCH_PASSWORD).signIn(),
    ),
  );
  return {
    signIns: SIGN_IN_BURST,
    peakMb: peakMemoryMb(serverProcesses(server.child.pid!)),
    seconds: (performance.now() - start) / 1000,
    failed: outcomes.filter((o) => o.status === "rejected").length,
  };
}

/**
 * Pass 2, query log off: the server's peak memory from its start and through a burst of sign-ins, then each page at
 * 1 and 20 connections, its floor, and the server's peak memory under the 20.
 */
async function measurePages(db: RawDb, subjects: Subjects, explained: CaseResult[]): Promise<void> {
  const server = await startBenchServer(target);
  try {
    results.startupPeakMb = await startupPeak(server);
    results.signInBurst = await signInBurst(server);
    for (const line of memoryLines(results)) console.error(line);
    for (const result of explained) {
      const c = cases.find((x) => x.name === result.name)!;
      if (!result.skipped && result.first!.ms > TOO_SLOW_MS)
        result.skipped = `one request took ${(result.first!.ms / 1000).toFixed(1)} s`;
      if (result.skipped) continue;
      console.error(`Measuring ${result.label}...`);
      const url = server.baseUrl + result.path!;
      const cookie = cookies[result.as as Role];
      // A page that takes a good part of the run for one answer is measured by a number of requests instead.
      const slow = result.first!.ms * 5 > duration * 1000;
      const run = (connections: number) =>
        loadPage({
          url,
          cookie,
          connections,
          seconds: duration,
          amount: slow ? Math.max(5, connections) : undefined,
          timeoutSeconds: 60,
          busyIs503: result.pdf,
        });
      // As bench:cpu does: a server process just started answers its first requests several times slower (code
      // not yet optimised, caches empty), which made the first page measured, the coordinator home, carry the tail.
      if (!slow) await warmUp(url, cookie);
      result.runs.push(await run(1));
      result.floor = await timeRepeatedly(() => c.floor(db, subjects), duration);
      const pids = serverProcesses(server.child.pid!);
      resetPeakMemory(pids);
      result.runs.push(await run(20));
      result.peakMemoryMb = peakMemoryMb(serverProcesses(server.child.pid!));
      // Let requests still queued from 20 connections finish before the next page is timed.
      await new Promise((r) => setTimeout(r, 1000));
      await fetch(`${server.baseUrl}/sign-in`);
    }
  } finally {
    await server.stop();
  }
}

async function benchPages(): Promise<void> {
  if (!target.databaseUrl && !fs.existsSync(target.sqliteFile)) {
    console.error(
      `There is no data set at ${values.db}. Make one first, for example:\n` +
        "  npm run seed:scale -- --scale 1            # national size, data/scale-1.sqlite\n" +
        "  npm run seed:scale -- --scale 0.1 && npm run bench -- --db data/scale-0.1.sqlite",
    );
    process.exit(2);
  }
  buildIfNeeded();
  migrate(target);
  const db = await openRawDb(target);
  try {
    const subjects = await findSubjects(db).catch((error: unknown) => {
      if (!(error instanceof MissingAccounts)) throw error;
      console.error(`${error.message} The bench signs in as the accounts npm run seed:scale creates.`);
      process.exit(2);
    });
    const sizes = await db.tableSizes();
    results.database.tableRows = Object.fromEntries(sizes);
    const explained = await explainPages(db, subjects, sizes);
    results.cases = explained;
    for (const c of explained)
      for (const plan of c.plans ?? [])
        if (plan.fullScans.length) results.fullScans.push({ page: c.label, sql: plan.sql, tables: plan.fullScans });
    await measurePages(db, subjects, explained);
  } finally {
    await db.close();
  }
}

if (cases.length) await benchPages();
if (!only || only.includes(LAYOUT)) results.pdfLayout = await benchPdfLayout();

results.finishedAt = new Date().toISOString();
results.machine.loadAverageAtEnd = os.loadavg()[0]!;
console.log(
  `\n${results.database.kind === "postgres" ? "PostgreSQL" : "SQLite"} ${results.database.where}; ${duration} s per run; load average ${results.machine.loadAverageAtStart.toFixed(1)} at start, ${results.machine.loadAverageAtEnd.toFixed(1)} at end, ${results.machine.cores} cores.\n`,
);
console.log(table(results));
const memory = memoryLines(results);
if (memory.length) console.log(`\n${memory.join("\n")}`);
console.log(`\nSaved ${saveResults(results, values.out)}`);
if (results.fullScans.length) {
  console.error(
    `\nFULL SCAN OF A LARGE TABLE in ${results.fullScans.length} quer${results.fullScans.length === 1 ? "y" : "ies"}:`,
  );
  for (const scan of results.fullScans)
    console.error(`- ${scan.page}: ${scan.tables.join(", ")}\n    ${scan.sql.replace(/\s+/g, " ").slice(0, 300)}`);
  process.exit(1);
}
