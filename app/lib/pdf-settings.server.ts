import os from "node:os";
import { z } from "zod";

/**
 * How many PDFs are laid out at once (one worker process each) and how many more may wait for a worker. Past that,
 * a PDF download answers "busy, try again" at once rather than making everyone wait longer.
 */
export const pdfSettings = {
  PDF_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, os.availableParallelism() - 1)),
  PDF_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
};
