import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, type PageRun } from "../../scripts/lib/bench/measure";
import { memoryLines, table, targetsOf, type BenchResults, type CaseResult } from "../../scripts/lib/bench/report";
import { runChild } from "../support/run-child";
import { testTempDir } from "../support/temp-dir";

// A loopback server that answers like the app's busy PDF pool: every other request a 503 with Retry-After.
let server: http.Server;
let url: string;

beforeAll(async () => {
  let n = 0;
  server = http.createServer((_req, res) => {
    n += 1;
    if (n % 2) res.writeHead(503, { "Retry-After": "60" }).end("busy");
    else res.writeHead(200).end("%PDF");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export.pdf`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const load = (busyIs503: boolean) =>
  loadPage({ url, cookie: "", connections: 1, seconds: 1, amount: 20, timeoutSeconds: 5, busyIs503 });

function run(overrides: Partial<PageRun>): PageRun {
  const base = { p50: 10, p95: 20, p99: 30, count: 40, connections: 20, requestsPerSecond: 4 };
  return { ...base, non2xx: 0, serverErrors: 0, busy: 0, noAnswer: 0, ...overrides };
}

const pdfCase = (runs: PageRun[]): CaseResult => ({
  name: "pdf",
  label: "Portfolio PDF",
  as: "coordinator",
  light: false,
  pdf: true,
  path: "/people/1/export.pdf",
  queries: { run: 12, distinct: 9 },
  runs,
});

describe("the bench's busy PDF answers", () => {
  it("counts the PDF's 503s as busy, apart from server errors", async () => {
    const measured = await load(true);
    expect(measured.busy).toBe(10);
    expect(measured.serverErrors).toBe(0);
    expect(measured.non2xx).toBe(0);
  });

  it("counts a 503 from any other page as a server error", async () => {
    const measured = await load(false);
    expect(measured.busy).toBe(0);
    expect(measured.serverErrors).toBe(10);
    expect(measured.non2xx).toBe(10);
  });

  it("lets busy answers meet 'no 5xx' but not real server errors", () => {
    const met = (r: PageRun) => targetsOf(pdfCase([r]), r).find((t) => t.target === "no 5xx or unanswered")?.met;
    expect(met(run({ busy: 7 }))).toBe(true);
    expect(met(run({ serverErrors: 1, non2xx: 1 }))).toBe(false);
  });

  it("prints busy answers and queries in columns of their own, under their headings", () => {
    const results: BenchResults = {
      startedAt: "2026-11-26T10:00:00.000Z",
      machine: { cores: 2, loadAverageAtStart: 1 },
      database: { kind: "sqlite", where: "x.sqlite" },
      durationSeconds: 5,
      webConcurrency: 1,
      cases: [pdfCase([run({ connections: 1 }), run({ busy: 7 })])],
      fullScans: [],
    };
    const [heading, , one, twenty] = table(results)
      .split("\n")
      .map((line) => line.split("|").map((cell) => cell.trim()));
    expect(one!.length).toBe(heading!.length);
    expect(twenty![heading!.indexOf("busy 503")]).toBe("7");
    expect(one![heading!.indexOf("queries")]).toBe("12");
  });
});

describe("the bench's memory lines", () => {
  const results = (signInBurst: BenchResults["signInBurst"]): BenchResults => ({
    startedAt: "2026-11-27T01:00:00.000Z",
    machine: { cores: 2, loadAverageAtStart: 1 },
    database: { kind: "sqlite", where: "x.sqlite" },
    durationSeconds: 1,
    webConcurrency: 1,
    cases: [],
    fullScans: [],
    startupPeakMb: 257.4,
    signInBurst,
  });

  it("sets a burst of sign-ins against the 300 MB a process, beside the peak from the server's start", () => {
    expect(memoryLines(results({ signIns: 8, peakMb: 631.6, seconds: 6.24, failed: 0 }))).toEqual([
      "Server start to the first signed-in page: peak 257 MB (met: memory < 300 MB)",
      "8 sign-ins at once: peak 632 MB, the last answered after 6.2 s (not met: memory < 300 MB)",
    ]);
    expect(memoryLines(results({ signIns: 8, peakMb: 180, seconds: 2, failed: 0 }))[1]).toMatch(/\(met: memory/);
  });

  it("does not let a burst that stays small by failing sign-ins pass", () => {
    expect(memoryLines(results({ signIns: 8, peakMb: 180, seconds: 0.1, failed: 3 }))[1]).toBe(
      "8 sign-ins at once: peak 180 MB, the last answered after 0.1 s (not met: 3 of 8 sign-ins failed)",
    );
  });
});

// Each starts a bench script under tsx, which takes seconds on a busy machine (the scripts load their heavy modules
// only once the options are sound, so these answers need few of them).
const script = (file: string, args: string[]) => runChild(process.execPath, ["--import", "tsx", file, ...args]);
const bench = (arg: string) => script("scripts/bench.ts", [arg]);

describe("npm run bench -- --help", { timeout: 60_000 }, () => {
  it("prints the usage and exits 0 without touching any data set", async () => {
    const result = await bench("--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: npm run bench");
    expect(result.stdout).toContain("pdf-layout");
  });

  it("refuses an unknown option with the usage, not a stack trace", async () => {
    const result = await bench("--nonsense");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--nonsense'");
    expect(result.stderr).not.toContain("    at ");
  });
});

describe("npm run bench:cpu on a data set this version cannot serve", { timeout: 60_000 }, () => {
  it("stops before starting a server, naming the missing migrations and how to add them", async () => {
    // A copy made by an older version: pages would answer 500 part way through the run.
    const dir = testTempDir("care-portfolio-bench-cpu-");
    const file = path.join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec("CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255))");
    old.prepare("INSERT INTO kysely_migration VALUES ('0001-foundation', '2026-01-01')").run();
    old.close();
    const result = await script("scripts/cpu-per-request.ts", ["--db", file]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("lacks this version's migrations 0002-portfolio");
    expect(result.stderr).toContain("npm run db:migrate");
    expect(result.stderr).not.toContain("Starting the server");
    expect(result.stderr).not.toContain("    at ");
  });
});
