import path from "node:path";
import type { PdfJob } from "./documents";
import { PdfPool } from "./pool.server";
import { pdfResponse } from "./response.server";
import { env } from "~/lib/env.server";

let shared: PdfPool | undefined;

/**
 * The server's PDF workers (PDF_WORKERS of them, PDF_QUEUE waiting). The worker's entry is its TypeScript source,
 * resolved from the working directory as the fonts are: the Vite server bundle has no second entry for a worker
 * thread, and the production server runs from the source tree under tsx anyway.
 */
function pdfPool(): PdfPool {
  const { PDF_WORKERS, PDF_QUEUE } = env();
  shared ??= new PdfPool({ workers: PDF_WORKERS, queue: PDF_QUEUE, entry: path.resolve("app/pdf/worker.ts") });
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
