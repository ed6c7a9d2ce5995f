/**
 * A PDF worker thread (see pool.server.ts). It takes one job at a time, lays the document out and sends its bytes
 * back as it goes. Loaded from source with tsx's loader, in the production server as in development and tests.
 */
import { Writable } from "node:stream";
import { type MessagePort, parentPort } from "node:worker_threads";
import { type PdfJob, renderPdf } from "./documents";
import type { WorkerMessage } from "./worker-messages";

// pdfkit writes thousands of tiny pieces; sending each as its own message would cost more than the layout.
const CHUNK_BYTES = 64 * 1024;

/** Gathers pdfkit's writes into chunks of about CHUNK_BYTES, each moved (not copied) to the main thread. */
function toMainThread(port: MessagePort): Writable {
  let pieces: Buffer[] = [];
  let size = 0;
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const flush = () => {
    if (size === 0) return;
    // A fresh buffer of its own: pdfkit's small Buffers share Node's pool, which must not be moved away.
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    pieces = [];
    size = 0;
    send({ type: "chunk", bytes }, [bytes.buffer]);
  };
  return new Writable({
    write(piece: Buffer, _encoding, done) {
      pieces.push(piece);
      size += piece.length;
      if (size >= CHUNK_BYTES) flush();
      done();
    },
    final(done) {
      flush();
      done();
    },
  });
}

/** Makes one PDF; a layout that throws fails this PDF only, and the worker stays up for the next. */
async function make(port: MessagePort, job: PdfJob) {
  try {
    await renderPdf(job, toMainThread(port));
    port.postMessage({ type: "done" } satisfies WorkerMessage);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ type: "error", message } satisfies WorkerMessage);
  }
}

const port = parentPort!;
port.on("message", (job: PdfJob) => void make(port, job));
