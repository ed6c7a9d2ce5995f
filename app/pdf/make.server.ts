import path from "node:path";
import type { PdfJob } from "./documents";
import { PdfPool } from "./pool.server";
import { pdfResponse } from "./response.server";
import { env } from "~/lib/env.server";

let shared: PdfPool | undefined;

/**
 * The production build's server runs the worker compiled by `npm run build` (build/pdf-worker.mjs) with plain node,
 * since tsx is a development dependency; development and tests run its TypeScript source through tsx, so a change
 * needs no build. Both are resolved from the working directory, as the fonts are.
 */
const WORKER_ENTRY = path.resolve(import.meta.env.PROD ? "build/pdf-worker.mjs" : "app/pdf/worker.ts");

/** The server's PDF workers (PDF_WORKERS of them, PDF_QUEUE waiting). */
function pdfPool(): PdfPool {
  const { PDF_WORKERS, PDF_QUEUE } = env();
  shared ??= new PdfPool({ workers: PDF_WORKERS, queue: PDF_QUEUE, entry: WORKER_ENTRY });
  return shared;
}

export interface PdfToMake {
  fileName: string;
  job: PdfJob;
}

/**
 * Reserves a place in the PDF pool, then gathers the data and streams the PDF a worker lays out. "busy" when the
 * pool is full, before anything is gathered; null when `gather` finds nothing to make (the caller answers 404).
 */
export async function makePdf(gather: () => Promise<PdfToMake | null>): Promise<Response | "busy" | null> {
  const slot = pdfPool().reserve();
  if (!slot) return "busy";
  let made: PdfToMake | null;
  try {
    made = await gather();
  } catch (error) {
    slot.release();
    throw error;
  }
  if (!made) {
    slot.release();
    return null;
  }
  const { fileName, job } = made;
  return pdfResponse(fileName, (out) => slot.render(job, out));
}
