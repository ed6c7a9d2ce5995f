/**
 * What the bench prints and saves: the query plans of each page, a table of figures with the targets marked
 * met or not met, and the whole result as JSON.
 */
import fs from "node:fs";
import path from "node:path";
import type { PageRun, Timing } from "./measure";
import type { LayoutResult } from "./pdf-layout";
import type { QueryPlan } from "./plans";

/** The targets at national size on one machine. */
export const TARGETS = { oneClientP95Ms: 50, lightRequestsPerSecond: 200, memoryMbPerProcess: 300 } as const;

export interface CaseResult {
  name: string;
  label: string;
  path?: string;
  as: string;
  light: boolean;
  pdf: boolean;
  /** Why the page was not measured. */
  skipped?: string;
  first?: { status: number; ms: number };
  queries?: { run: number; distinct: number };
  plans?: QueryPlan[];
  floor?: Timing;
  runs: PageRun[];
  /** Peak resident memory of the busiest server process during the 20-connection run. */
  peakMemoryMb?: number;
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: { cores: number; loadAverageAtStart: number; loadAverageAtEnd?: number };
  database: { kind: "sqlite" | "postgres"; where: string; tableRows?: Record<string, number> };
  durationSeconds: number;
  webConcurrency: number;
  cases: CaseResult[];
  pdfLayout?: LayoutResult;
  fullScans: { page: string; sql: string; tables: string[] }[];
  /**
   * Peak resident memory (VmHWM) of the busiest server process from its start to its first signed-in page, a
   * sign-in included (its password hash takes 32-128 MiB while it runs): issue 12's 300 MB per process at start.
   */
  startupPeakMb?: number;
  /** Sign-ins sent at once to a fresh server: the busiest process's peak memory while they ran, and how they went. */
  signInBurst?: SignInBurst;
}

export interface SignInBurst {
  signIns: number;
  /** Peak resident memory (VmHWM, reset before the burst) of the busiest server process. */
  peakMb: number;
  /** From the first sign-in sent to the last answer. */
  seconds: number;
  /** Sign-ins that did not end in the redirect of a signed-in person. */
  failed: number;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function printPlans(result: CaseResult): void {
  if (!result.plans) return;
  console.log(
    `\n## ${result.label} (${result.path}): ${result.queries!.run} queries, ${result.queries!.distinct} distinct`,
  );
  for (const plan of result.plans) {
    const flag = plan.fullScans.length ? `FULL SCAN of ${plan.fullScans.join(", ")}: ` : "";
    console.log(`\n- ${flag}${plan.runs}× ${short(oneLine(plan.sql), 400)}`);
    for (const line of plan.plan) console.log(`    ${line}`);
    if (plan.stoppedByLimit.length)
      console.log(`    (scan of ${plan.stoppedByLimit.join(", ")} stops at LIMIT: not counted as a full scan)`);
  }
}

/** Which of the targets this run meets: each named, with met or not. */
export function targetsOf(result: CaseResult, run: PageRun): { target: string; met: boolean }[] {
  const targets: { target: string; met: boolean }[] = [];
  if (run.count === 0) targets.push({ target: "any response within the run", met: false });
  if (run.connections === 1 && !result.pdf)
    targets.push({ target: `p95 < ${TARGETS.oneClientP95Ms} ms`, met: run.p95 < TARGETS.oneClientP95Ms });
  if (run.connections > 1) {
    targets.push({ target: "no 5xx or unanswered", met: run.serverErrors === 0 && run.noAnswer === 0 });
    if (result.light)
      targets.push({
        target: `>= ${TARGETS.lightRequestsPerSecond} req/s`,
        met: run.requestsPerSecond >= TARGETS.lightRequestsPerSecond,
      });
    if (result.peakMemoryMb !== undefined)
      targets.push({
        target: `memory < ${TARGETS.memoryMbPerProcess} MB`,
        met: result.peakMemoryMb < TARGETS.memoryMbPerProcess,
      });
  }
  return targets;
}

const HEADINGS = [
  "Page",
  "Conns",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "req/s",
  "non-2xx",
  "busy 503",
  "floor p50 ms",
  "ratio",
  "queries",
  "peak MB",
  "Targets",
];

const figure = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "" : n.toFixed(digits));

function rowsOf(result: CaseResult): string[][] {
  const queries = result.queries ? String(result.queries.run) : "";
  if (result.skipped)
    return [[result.label, "", "", "", "", "", "", "", "", "", queries, "", `not measured: ${result.skipped}`]];
  return result.runs.map((run) => {
    const targets = targetsOf(result, run);
    const missed = targets.filter((t) => !t.met).map((t) => t.target);
    const first = run.connections === 1;
    return [
      result.label,
      String(run.connections),
      figure(run.p50),
      figure(run.p95),
      figure(run.p99),
      figure(run.requestsPerSecond, 0),
      String(run.non2xx + run.noAnswer),
      result.pdf ? String(run.busy) : "",
      first ? figure(result.floor?.p50, 2) : "",
      first && result.floor ? `${figure(run.p50 / result.floor.p50, 1)}×` : "",
      first ? queries : "",
      first ? "" : figure(result.peakMemoryMb, 0),
      targets.length === 0 ? "" : missed.length ? `not met: ${missed.join("; ")}` : "met",
    ];
  });
}

/** The figures as a Markdown table, ready to paste into docs/performance.md. */
export function table(results: BenchResults): string {
  const rows = [HEADINGS, ...results.cases.flatMap(rowsOf)];
  if (results.pdfLayout) {
    const l = results.pdfLayout;
    rows.push([
      `PDF layout, ${l.evidence} items (in process, CPU ms)`,
      "",
      figure(l.cpuMs.ours, 0),
      "",
      "",
      "",
      "",
      "",
      `pdfkit ${figure(l.cpuMs.pdfkit, 0)}, tagged ${figure(l.cpuMs.pdfkitTagged, 0)}`,
      `${figure(l.ratio, 2)}×, ${figure(l.taggedRatio, 2)}×`,
      "",
      figure(l.memory.processMb, 0),
      l.ratioMet ? "met" : "not met: within 1.5× pdfkit",
    ]);
  }
  const widths = HEADINGS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

const memoryTarget = (mb: number) =>
  `${mb < TARGETS.memoryMbPerProcess ? "met" : "not met"}: memory < ${TARGETS.memoryMbPerProcess} MB`;

/** The server's memory outside the pages' runs: from its start, and through a burst of sign-ins. */
export function memoryLines(results: BenchResults): string[] {
  const lines: string[] = [];
  if (results.startupPeakMb !== undefined)
    lines.push(
      `Server start to the first signed-in page: peak ${results.startupPeakMb.toFixed(0)} MB (${memoryTarget(results.startupPeakMb)})`,
    );
  const burst = results.signInBurst;
  if (burst)
    lines.push(
      `${burst.signIns} sign-ins at once: peak ${burst.peakMb.toFixed(0)} MB, the last answered after ${burst.seconds.toFixed(1)} s ` +
        // Sign-ins that failed may never have hashed a password: their peak says nothing about the target.
        (burst.failed
          ? `(not met: ${burst.failed} of ${burst.signIns} sign-ins failed)`
          : `(${memoryTarget(burst.peakMb)})`),
    );
  return lines;
}

/** Saves the results as bench-results/<time>.json and returns the file's path. */
export function saveResults(results: BenchResults, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
