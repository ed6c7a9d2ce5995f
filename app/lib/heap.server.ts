/**
 * How much memory V8 may hold beyond what the server is using (ADR 0023). Left to itself, V8 lets a busy heap grow
 * to up to four times what survived its last full collection before it collects again, so under 20 connections a
 * process held 120 MB of old space for 50 MB of live objects, and never gave it back while requests kept coming.
 */
import v8 from "node:v8";

/** The old generation may grow to this much above what survived the last full collection, instead of up to 300%. */
const HEAP_GROWING_PERCENT = 30;

/**
 * Applies the growth limit to this process, from now on, and to any worker thread it starts. V8 reads this flag at
 * each collection, so it can be set once the process is running; flags that size the heap cannot.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Start-up flags for a PDF process: the same growth limit, and a young generation of 12 MB instead of 48 MB (a
 * layout allocates steadily, one document at a time, and gains nothing measurable from the larger one).
 */
export const PDF_PROCESS_V8_FLAGS = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, "--max-semi-space-size=4"];
