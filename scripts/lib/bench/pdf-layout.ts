/**
 * How long our layout takes to build a large appraisal portfolio PDF (500 evidence items, 200 CPD entries, 50
 * training records) and its peak memory, next to pdfkit drawing the same text with no layout of ours (./pdf-replay.ts:
 * the same strings, fonts, sizes and wrapping, plain and with the same PDF/UA structure), so our overhead shows as a
 * ratio (`npm run bench -- --only pdf-layout`). Memory is measured in a fresh process (./pdf-layout-memory.ts) so
 * the peak is this build's own.
 */
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { type PortfolioData, renderPortfolio } from "~/pdf/portfolio-document";
import { samplePortfolio } from "../sample-portfolio";
import { record, type Recording, replay } from "./pdf-replay";

/** The target: our PDF within 1.5 times pdfkit's own time for the same text. */
export const TARGET_RATIO = 1.5;
const TARGET_MS = 1000;
const TARGET_MB = 150;
const RUNS = 7;

export const sampleData = (): PortfolioData =>
  samplePortfolio({ evidence: 500, cpd: 200, training: 50, meetings: 24, reflectionLength: 1200 });

class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.bytes += chunk.length;
    done();
  }
}

/** Our layout, and pdfkit replaying what our layout drew: the text alone, or the text with its PDF/UA structure. */
const CASES = {
  ours: (input: PortfolioData, _recording: Recording, out: Writable) => renderPortfolio(input, out),
  pdfkit: (_input: PortfolioData, recording: Recording, out: Writable) => replay(recording, false, out),
  pdfkitTagged: (_input: PortfolioData, recording: Recording, out: Writable) => replay(recording, true, out),
} as const;
export type LayoutCase = keyof typeof CASES;
const NAMES = Object.keys(CASES) as LayoutCase[];

export interface Memory {
  /** Resident memory the build added to the idle process at its peak. */
  buildMb: number;
  /** The whole process's peak, Node and tsx included. */
  processMb: number;
  kb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function build(name: LayoutCase, input: PortfolioData, recording: Recording): Promise<number> {
  const sink = new Counter();
  await CASES[name](input, recording, sink);
  return sink.bytes;
}

/** Our build's peak memory, run in a fresh child process so the peak is its own. */
export async function measureMemory(): Promise<Memory> {
  const input = sampleData();
  const idle = process.memoryUsage().rss;
  const sink = new Counter();
  await renderPortfolio(input, sink);
  const peak = process.resourceUsage().maxRSS * 1024;
  return { buildMb: mb(peak - idle), processMb: mb(peak), kb: sink.bytes / 1024 };
}

function memoryInChild(): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "pdf-layout-memory.ts"), { execArgv: process.execArgv });
    child.once("message", (result) => resolve(result as Memory));
    child.once("error", reject);
    child.once("exit", (code) => (code ? reject(new Error(`PDF memory benchmark exited with ${code}`)) : undefined));
  });
}

/** Median wall-clock and CPU time (user + system) of one build, in milliseconds. */
export interface Time {
  ms: number;
  cpuMs: number;
}

/** Median times, the builds taking turns so a busy machine slows each alike and the ratios stay fair. */
async function medianTimes(input: PortfolioData, recording: Recording): Promise<Record<LayoutCase, Time>> {
  const times = Object.fromEntries(NAMES.map((name) => [name, { ms: [] as number[], cpuMs: [] as number[] }]));
  for (const name of NAMES) await build(name, input, recording);
  for (let i = 0; i < RUNS; i++) {
    for (const name of NAMES) {
      const [start, cpu] = [performance.now(), process.cpuUsage()];
      await build(name, input, recording);
      const used = process.cpuUsage(cpu);
      times[name]!.ms.push(performance.now() - start);
      times[name]!.cpuMs.push((used.user + used.system) / 1000);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return Object.fromEntries(
    NAMES.map((name) => [name, { ms: median(times[name]!.ms), cpuMs: median(times[name]!.cpuMs) }]),
  ) as Record<LayoutCase, Time>;
}

export interface LayoutResult {
  evidence: number;
  /** Median wall-clock milliseconds of each build. */
  ms: Record<LayoutCase, number>;
  /** Median CPU milliseconds of each build: what the ratios are taken from, as a busy machine slows wall time. */
  cpuMs: Record<LayoutCase, number>;
  kb: Record<LayoutCase, number>;
  /** Our build's memory (the replays' would include the recording's build). */
  memory: Memory;
  /** Our CPU time over pdfkit's for the same text, untagged: the comparison. */
  ratio: number;
  /** Our CPU time over pdfkit's for the same text with the same PDF/UA structure written directly. */
  taggedRatio: number;
  ratioMet: boolean;
}

/** Measures and prints the comparison; returns the figures for the JSON results. */
export async function benchPdfLayout(): Promise<LayoutResult> {
  const input = sampleData();
  console.log(
    `\nPDF layout: ${input.evidence.length} evidence items, ${input.cpd.entries.length} CPD entries, ${input.training.rows.length} training records; median of ${RUNS} runs after a warm-up, the builds taking turns.\n`,
  );
  const memory = await memoryInChild();
  // Recorded after a first build, so the replays get the fonts our layout has parsed by then, as ours does.
  await renderPortfolio(input, new Counter());
  const recording = await record((out) => renderPortfolio(input, out), new Counter());
  const kb = {} as Record<LayoutCase, number>;
  for (const name of NAMES) kb[name] = (await build(name, input, recording)) / 1024;
  const times = await medianTimes(input, recording);
  const row = (label: string, name: LayoutCase) =>
    `| ${label.padEnd(40)} | ${times[name].cpuMs.toFixed(0).padStart(8)} | ${times[name].ms.toFixed(0).padStart(9)} | ${kb[name].toFixed(0).padStart(9)} |`;
  console.log(`| ${"Build".padEnd(40)} | CPU (ms) | Wall (ms) | Size (KB) |`);
  console.log(`|${"-".repeat(42)}|${"-".repeat(10)}|${"-".repeat(11)}|${"-".repeat(11)}|`);
  console.log(row("Our portfolio PDF (tagged)", "ours"));
  console.log(row("pdfkit alone, same text", "pdfkit"));
  console.log(row("pdfkit alone, same text and tags", "pdfkitTagged"));
  const ratio = times.ours.cpuMs / times.pdfkit.cpuMs;
  const taggedRatio = times.ours.cpuMs / times.pdfkitTagged.cpuMs;
  const verdict = (r: number) => `${r.toFixed(2)}× (${r <= TARGET_RATIO ? "met" : "not met"})`;
  console.log(
    `\nOur layout's CPU time over pdfkit's for the same text: ${verdict(ratio)}; over pdfkit's for the same text and tags: ${verdict(taggedRatio)}. Target: within ${TARGET_RATIO}×. By wall-clock time: ${(times.ours.ms / times.pdfkit.ms).toFixed(2)}× and ${(times.ours.ms / times.pdfkitTagged.ms).toFixed(2)}×.`,
  );
  console.log(
    `Our build's memory: ${memory.buildMb.toFixed(0)} MB added to an idle process at its peak (${memory.processMb.toFixed(0)} MB with Node and tsx).`,
  );
  const met = times.ours.ms < TARGET_MS && memory.buildMb < TARGET_MB;
  console.log(
    `Target (under ${TARGET_MS} ms and ${TARGET_MB} MB): ${met ? "met" : "not met"}. Load average now: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
  );
  const pick = (key: keyof Time) =>
    Object.fromEntries(NAMES.map((n) => [n, times[n][key]])) as Record<LayoutCase, number>;
  return {
    evidence: input.evidence.length,
    ms: pick("ms"),
    cpuMs: pick("cpuMs"),
    kb,
    memory,
    ratio,
    taggedRatio,
    ratioMet: ratio <= TARGET_RATIO,
  };
}
