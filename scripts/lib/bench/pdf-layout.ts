/**
 * How long our layout takes to build a large appraisal portfolio PDF (500 evidence items, 200 CPD entries, 50
 * training records) and its peak memory, next to pdfkit writing the same text with no layout of ours, so our
 * overhead shows as a ratio (`npm run bench -- --only pdf-layout`). Memory is measured in a fresh process per build
 * (./pdf-layout-memory.ts) so each peak is its own.
 */
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createDocument, finish } from "~/pdf/layout";
import { type PortfolioData, renderPortfolio } from "~/pdf/portfolio-document";
import { samplePortfolio } from "../sample-portfolio";

/** The target: our PDF within 1.5 times pdfkit's own time for the same text. */
export const TARGET_RATIO = 1.5;
const TARGET_MS = 1000;
const TARGET_MB = 150;
const RUNS = 7;

export const sampleData = (): PortfolioData =>
  samplePortfolio({ evidence: 500, cpd: 200, training: 50, meetings: 24, reflectionLength: 1200 });

/** Every string the portfolio shows, in order, for pdfkit to lay out as plain paragraphs. */
function allText(d: PortfolioData): string[] {
  return [
    d.person.name,
    ...d.competencies.flatMap((a) => [
      a.title,
      ...a.competencies.map((c) => `${c.title} ${c.status} ${c.signedOffBy ?? ""}`),
    ]),
    ...d.evidence.flatMap((e) => [
      e.title,
      e.type,
      e.activityDate,
      e.competencies.join("; "),
      e.whatHappened,
      e.whatLearned,
      e.whatNext,
      ...e.reviews.map((r) => `${r.at} ${r.action} ${r.by}`),
    ]),
    ...d.training.rows.map(
      (r) => `${r.title} ${r.status ?? ""} ${r.completedOn ?? ""} ${r.expiresOn ?? ""} ${r.state}`,
    ),
    ...d.cpd.entries.map((e) => `${e.activityDate} ${e.activity} ${e.type} ${e.hours}`),
    ...d.supervision.meetings.flatMap((m) => [`${m.metOn} ${m.supervisor}`, m.topics, m.actions]),
  ];
}

/** The same text through pdfkit alone: same fonts and page size, no tables, headers, contents or page numbers. */
function plainPdfkit(d: PortfolioData, out: Writable): Promise<void> {
  const doc = createDocument({ title: "bench", subject: "bench" });
  for (const text of allText(d)) doc.text(text);
  return finish(doc, out);
}

class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.bytes += chunk.length;
    done();
  }
}

const CASES = { ours: renderPortfolio, pdfkit: plainPdfkit } as const;
export type LayoutCase = keyof typeof CASES;
export const isLayoutCase = (name: string | undefined): name is LayoutCase => name !== undefined && name in CASES;

export interface Memory {
  /** Resident memory one build added to the idle process at its peak. */
  buildMb: number;
  /** The whole process's peak, Node and tsx included. */
  processMb: number;
  kb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function build(name: LayoutCase, input: PortfolioData): Promise<number> {
  const sink = new Counter();
  await CASES[name](input, sink);
  return sink.bytes;
}

/** Run in a fresh child process, so the peak belongs to this one build alone. */
export async function measureMemory(name: LayoutCase): Promise<Memory> {
  const input = sampleData();
  const idle = process.memoryUsage().rss;
  const bytes = await build(name, input);
  const peak = process.resourceUsage().maxRSS * 1024;
  return { buildMb: mb(peak - idle), processMb: mb(peak), kb: bytes / 1024 };
}

function memoryInChild(name: LayoutCase): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "pdf-layout-memory.ts"), [name], { execArgv: process.execArgv });
    child.once("message", (result) => resolve(result as Memory));
    child.once("error", reject);
    child.once("exit", (code) => (code ? reject(new Error(`${name} benchmark exited with ${code}`)) : undefined));
  });
}

/** Median times, the two builds taking turns so a busy machine slows both alike and the ratio stays fair. */
async function medianTimes(): Promise<Record<LayoutCase, number>> {
  const input = sampleData();
  const times: Record<LayoutCase, number[]> = { ours: [], pdfkit: [] };
  for (const name of ["ours", "pdfkit"] as const) await build(name, input);
  for (let i = 0; i < RUNS; i++) {
    for (const name of ["ours", "pdfkit"] as const) {
      const start = performance.now();
      await build(name, input);
      times[name].push(performance.now() - start);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return { ours: median(times.ours), pdfkit: median(times.pdfkit) };
}

export interface LayoutResult {
  evidence: number;
  ms: Record<LayoutCase, number>;
  memory: Record<LayoutCase, Memory>;
  ratio: number;
  ratioMet: boolean;
}

/** Measures and prints the comparison; returns the figures for the JSON results. */
export async function benchPdfLayout(): Promise<LayoutResult> {
  const sample = sampleData();
  console.log(
    `\nPDF layout: ${sample.evidence.length} evidence items, ${sample.cpd.entries.length} CPD entries, ${sample.training.rows.length} training records; median of ${RUNS} runs after a warm-up.\n`,
  );
  const memory = { ours: await memoryInChild("ours"), pdfkit: await memoryInChild("pdfkit") };
  const ms = await medianTimes();
  const row = (label: string, name: LayoutCase) =>
    `| ${label.padEnd(24)} | ${ms[name].toFixed(0).padStart(9)} | ${memory[name].buildMb.toFixed(0).padStart(17)} | ${memory[name].processMb.toFixed(0).padStart(17)} | ${memory[name].kb.toFixed(0).padStart(9)} |`;
  console.log(`| ${"Build".padEnd(24)} | Time (ms) | Build memory (MB) | Process peak (MB) | Size (KB) |`);
  console.log(`|${"-".repeat(26)}|${"-".repeat(11)}|${"-".repeat(19)}|${"-".repeat(19)}|${"-".repeat(11)}|`);
  console.log(row("Our portfolio PDF", "ours"));
  console.log(row("pdfkit alone, same text", "pdfkit"));
  const ratio = ms.ours / ms.pdfkit;
  console.log(
    `\nOverhead of our layout: ${ratio.toFixed(2)}× pdfkit's own time (target: within ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "met" : "not met"}).`,
  );
  console.log(
    "Build memory is the peak resident memory one build added to an idle process; process peak includes Node and tsx.",
  );
  const met = ms.ours < TARGET_MS && memory.ours.buildMb < TARGET_MB;
  console.log(
    `Target (under ${TARGET_MS} ms and ${TARGET_MB} MB): ${met ? "met" : "not met"}. Load average now: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
  );
  return { evidence: sample.evidence.length, ms, memory, ratio, ratioMet: ratio <= TARGET_RATIO };
}
