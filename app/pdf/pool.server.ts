/**
 * PDFs are laid out in worker processes, so a long portfolio never holds up the pages other people are waiting for,
 * and its memory (about 150 MB for 500 items, fonts and pdfkit included) is not added to the server process's own
 * (ADR 0023). The pool has a fixed number of workers and a short queue; a caller reserves a place before gathering
 * any data, and when there is none it answers "busy" at once instead of making everyone wait longer.
 */
import { type ChildProcess, fork, type ForkOptions } from "node:child_process";
import type { Writable } from "node:stream";
import { PDF_PROCESS_V8_FLAGS } from "~/lib/heap.server";
import type { PdfJob } from "./documents";
import type { WorkerMessage } from "./worker-messages";

export interface PdfPoolOptions {
  /** Worker processes, each laying out one PDF at a time. */
  workers: number;
  /** How many more PDFs may wait for a worker. */
  queue: number;
  /** The worker's entry, an absolute path: its TypeScript source (run through tsx) or the compiled build/pdf-worker.mjs. */
  entry: string;
}

// Jobs and chunks cross by structured clone ("advanced"), as they would to a worker thread, so the data stays plain
// and the bytes the same. Only a TypeScript entry needs tsx, which production installs leave out (devDependency).
const workerOptions = (entry: string): ForkOptions => ({
  execArgv: [...PDF_PROCESS_V8_FLAGS, ...(entry.endsWith(".ts") ? ["--import", "tsx"] : [])],
  serialization: "advanced",
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});

/** A reserved place in the pool: use it once with render, or give it back with release. */
export interface PdfSlot {
  /** Lays the document out in a worker, writing its bytes to `out`; rejects if the worker fails or stops. */
  render(job: PdfJob, out: Writable): Promise<void>;
  release(): void;
}

interface Task {
  job: PdfJob;
  out: Writable;
  settle: (error?: Error) => void;
}

export class PdfPool {
  private readonly workers = new Set<ChildProcess>();
  private readonly idle: ChildProcess[] = [];
  private readonly running = new Map<ChildProcess, Task>();
  private readonly waiting: Task[] = [];
  private reserved = 0;

  constructor(private readonly options: PdfPoolOptions) {}

  /** A place for one PDF, or null when every worker is busy and the queue is full. */
  reserve(): PdfSlot | null {
    if (this.reserved >= this.options.workers + this.options.queue) return null;
    this.reserved++;
    let held = true;
    const release = () => {
      if (held) this.reserved--;
      held = false;
    };
    return {
      release,
      render: (job, out) =>
        new Promise<void>((resolve, reject) => {
          this.waiting.push({
            job,
            out,
            settle: (error) => {
              release();
              if (error) reject(error);
              else resolve();
            },
          });
          this.dispatch();
        }),
    };
  }

  private dispatch() {
    while (this.waiting.length > 0) {
      const task = this.waiting[0]!;
      // The person gave up waiting (closed the page): nobody will read this PDF.
      if (task.out.destroyed) {
        this.waiting.shift();
        task.settle();
        continue;
      }
      const worker = this.idle.pop() ?? (this.workers.size < this.options.workers ? this.spawn() : undefined);
      if (!worker) return;
      this.waiting.shift();
      this.running.set(worker, task);
      keepAlive(worker, true);
      worker.send(task.job);
    }
  }

  private spawn(): ChildProcess {
    const worker = fork(this.options.entry, [], workerOptions(this.options.entry));
    this.workers.add(worker);
    worker.on("message", (message: WorkerMessage) => this.received(worker, message));
    worker.on("error", (error) => this.stopped(worker, error));
    worker.on("exit", (code, signal) =>
      this.stopped(worker, new Error(`The PDF worker stopped with exit code ${code ?? signal}`)),
    );
    return worker;
  }

  private received(worker: ChildProcess, message: WorkerMessage) {
    const task = this.running.get(worker);
    if (!task) return;
    if (message.type === "chunk") {
      // Nobody is reading any more (the download was abandoned): let the worker finish, and drop the bytes.
      if (!task.out.destroyed) task.out.write(message.bytes);
      return;
    }
    this.running.delete(worker);
    if (message.type === "done") {
      task.out.end();
      task.settle();
    } else {
      task.settle(new Error(`The PDF could not be made: ${message.message}`));
    }
    // Idle workers must not keep a script or test process alive.
    keepAlive(worker, false);
    this.idle.push(worker);
    this.dispatch();
  }

  /** A worker that crashed or exited fails the PDF it was making; the next PDF starts a new worker. */
  private stopped(worker: ChildProcess, error: Error) {
    if (!this.workers.delete(worker)) return;
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const task = this.running.get(worker);
    this.running.delete(worker);
    task?.settle(error);
    this.dispatch();
  }
}

/** Whether this worker (the process and its message channel) keeps the server's event loop running. */
function keepAlive(worker: ChildProcess, busy: boolean) {
  if (busy) {
    worker.ref();
    worker.channel?.ref();
  } else {
    worker.unref();
    worker.channel?.unref();
  }
}
