/**
 * PDFs laid out in worker processes: the same bytes as laying out in the server's own thread, a place reserved per
 * PDF with a limit, a worker that dies failing only the PDF it was making, and no worker outliving its server.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { appraisalYearOf } from "~/domain/appraisal-year";
import { storeAttachment } from "~/models/attachment.server";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { gatherPortfolio } from "~/services/portfolio-export.server";
import { type PdfJob, renderPdf } from "~/pdf/documents";
import { PdfPool, type PdfPoolOptions } from "~/pdf/pool.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makeTeam } from "../../scripts/lib/factories";
import { makeEvidence } from "../../scripts/lib/factories/evidence";
import { samplePortfolio } from "../../scripts/lib/sample-portfolio";
import { CERTIFICATE_JPEG, CERTIFICATE_PNG } from "../fixtures/pdf/certificates";
import { readPdf, renderToBytes } from "../fixtures/pdf/extract";

const NOW = new Date("2026-11-25T12:00:00Z");
const WORKER: Pick<PdfPoolOptions, "entry"> = { entry: path.resolve("app/pdf/worker.ts") };
// The real worker, except that it dies (as on a crash or running out of memory) on a portfolio for "Crash Test".
const CRASHING_WORKER = { entry: path.resolve("tests/fixtures/pdf/crashing-worker.ts") };

let portfolio: PdfJob;
let report: PdfJob;

beforeAll(async () => {
  const db = getDb();
  const team = await makeTeam(db);
  const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
  const [png, jpeg] = await Promise.all(
    [
      [CERTIFICATE_PNG, "png", "image/png"],
      [CERTIFICATE_JPEG, "jpeg", "image/jpeg"],
    ].map(([file, kind, mime]) =>
      storeAttachment(
        db,
        env().DATA_DIR,
        {
          ownerId: owner.id,
          pcnId: owner.pcnId,
          checked: { ok: true, kind: kind as "png" | "jpeg", mime: mime!, safeName: path.basename(file!) },
          bytes: fs.readFileSync(file!),
        },
        { id: owner.id, ip: null },
      ),
    ),
  );
  await makeEvidence(
    db,
    owner,
    { title: "Preparing Mr Ŵ for his review", activityDate: "2025-06-02", attachmentIds: [png!.id, jpeg!.id] },
    { outcome: "accepted", reviewerId: team.supervisor.id },
  );
  const data = await gatherPortfolio(db, owner.id, appraisalYearOf("2025/26")!, "owner", NOW);
  portfolio = { kind: "portfolio", data: data! };
  report = { kind: "compliance-report", data: (await gatherComplianceReport(db, team.pcn.id, NOW))! };
});

function inWorker(pool: PdfPool, job: PdfJob): Promise<Buffer> {
  const slot = pool.reserve();
  if (!slot) throw new Error("the pool is full");
  return renderToBytes((out) => slot.render(job, out));
}

// One pool of the real worker for the whole file: starting a worker loads the layout code afresh, seconds of CPU.
const pool = new PdfPool({ ...WORKER, workers: 1, queue: 1 });

describe("a PDF laid out in a worker process", () => {
  // The document's creation date and ID come from the data's generatedAt, so nothing needs masking.
  it.each([
    ["portfolio with pictures", () => portfolio],
    ["compliance report", () => report],
    ["500-item portfolio", (): PdfJob => ({ kind: "portfolio", data: samplePortfolio({ evidence: 500 }) })],
  ])("is byte for byte the same %s as one laid out in the server's thread", async (_, job) => {
    const inThread = await renderToBytes((out) => renderPdf(job(), out));
    const fromWorker = await inWorker(pool, job());
    expect(fromWorker.length).toBeGreaterThan(10_000);
    expect(fromWorker.equals(inThread)).toBe(true);
  });

  it("shows what the data holds", async () => {
    const pdf = await readPdf(await inWorker(pool, portfolio));
    expect(pdf.pages.join(" ")).toContain("Preparing Mr Ŵ for his review");
    expect(pdf.bytes.toString("latin1").match(/\/Subtype \/Image/g)?.length).toBe(2);
  });

  it("fails a PDF whose layout throws, and goes on to make the next", async () => {
    const broken = { kind: "portfolio", data: { ...samplePortfolio(), evidence: null } } as unknown as PdfJob;
    await expect(inWorker(pool, broken)).rejects.toThrow(/The PDF could not be made/);
    expect((await inWorker(pool, report)).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("places in the pool", () => {
  it("are the workers plus the queue; one given back, or used and finished, can be taken again", async () => {
    const first = pool.reserve();
    const second = pool.reserve();
    expect([first, second].every(Boolean)).toBe(true);
    expect(pool.reserve()).toBeNull();
    first!.release();
    const third = pool.reserve();
    expect(third).not.toBeNull();
    expect(pool.reserve()).toBeNull();
    // Both queued behind one worker: each is made in turn.
    const made = await Promise.all([second!, third!].map((slot) => renderToBytes((out) => slot.render(report, out))));
    expect(made[0]!.equals(made[1]!)).toBe(true);
    expect(pool.reserve()).not.toBeNull();
  });
});

describe("a worker that dies", () => {
  it("fails the PDF it was making with an error, and a new worker makes the next one", async () => {
    const pool = new PdfPool({ ...CRASHING_WORKER, workers: 1, queue: 0 });
    const crash: PdfJob = {
      kind: "portfolio",
      data: samplePortfolio({}, { person: { ...samplePortfolio().person, name: "Crash Test" } }),
    };
    await expect(inWorker(pool, crash)).rejects.toThrow(/PDF worker stopped with exit code 70/);
    const after = await inWorker(pool, report);
    expect(after.equals(await renderToBytes((out) => renderPdf(report, out)))).toBe(true);
  });
});

/** Whether a process is running (a zombie, ended but not yet reaped, is not). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("a worker process", { timeout: 120_000 }, () => {
  it("is a process of its own, and ends when the server that started it is killed", async () => {
    const owner = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/pdf/pool-owner.ts"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    // Also when an assertion below fails: the stand-in server and its worker must not outlive the test.
    onTestFinished(() => void owner.kill("SIGKILL"));
    const output = await new Promise<string>((resolve) => owner.stdout.once("data", (data) => resolve(String(data))));
    const workers = JSON.parse(output) as number[];
    expect(workers).toHaveLength(1);
    expect(workers[0]).not.toBe(owner.pid);
    expect(running(workers[0]!)).toBe(true);

    owner.kill("SIGKILL");
    const deadline = Date.now() + 20_000;
    while (running(workers[0]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(running(workers[0]!)).toBe(false);
  });
});
