/**
 * A PDF worker process (see pool.server.ts). It takes one job at a time, lays the document out and sends its bytes
 * back as it goes. The production server runs it compiled (build/pdf-worker.mjs, `npm run build`); development and
 * tests load it from source with tsx's loader.
 */
import { Writable } from "node:stream";
import { type PdfJob, renderPdf } from "./documents";
import type { WorkerMessage } from "./worker-messages";

// pdfkit writes thousands of tiny pieces; sending each as its own message would cost more than the layout.
const CHUNK_BYTES = 64 * 1024;

const send = (message: WorkerMessage, sent: (error: Error | null) => void = () => {}) => process.send!(message, sent);

/** Gathers pdfkit's writes into chunks of about CHUNK_BYTES; the layout goes on once the last is handed over. */
function toServer(): Writable {
  let pieces: Buffer[] = [];
  let size = 0;
  const flush = (done: (error?: Error | null) => void) => {
    if (size === 0) return done();
    const bytes = Buffer.concat(pieces, size);
    pieces = [];
    size = 0;
    send({ type: "chunk", bytes }, done);
  };
  return new Writable({
    write(piece: Buffer, _encoding, done) {
      pieces.push(piece);
      size += piece.length;
      if (size >= CHUNK_BYTES) flush(done);
      else done();
    },
    final: flush,
  });
}

/** Makes one PDF; a layout that throws fails this PDF only, and the worker stays up for the next. */
async function make(job: PdfJob) {
  try {
    await renderPdf(job, toServer());
    send({ type: "done" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send({ type: "error", message });
  }
}

process.on("message", (job: PdfJob) => void make(job));
// The server stopped, however it stopped (even SIGKILL closes the channel): nobody is left to make PDFs for.
process.on("disconnect", () => process.exit(0));
