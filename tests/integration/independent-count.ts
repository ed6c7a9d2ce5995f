import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { onPostgres } from "./database-kind";

let reader: SQLite.Database | undefined;

/**
 * One number from the test's own SQL, read through a separate connection to the test database: an independent
 * check of what the app's models report. Queries are written for SQLite (`?` placeholders, `instr`).
 */
export function count(query: string, ...params: (string | number)[]): number {
  if (onPostgres) return postgresCount(query, params);
  reader ??= new SQLite(process.env.DATABASE_PATH!, { readonly: true });
  return Number(
    reader
      .prepare(query)
      .pluck()
      .get(...params),
  );
}

// PostgreSQL has no synchronous client, so a worker thread runs the query while this thread waits for its answer.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const pg = require("pg");
const client = new pg.Client({ connectionString: workerData.url });
// The test database is dropped under this connection when the file ends: nothing to report then.
client.on("error", () => {});
const connected = client.connect();
parentPort.on("message", async ({ text, values, port, signal }) => {
  try {
    await connected;
    const result = await client.query({ text, values, rowMode: "array" });
    port.postMessage({ value: result.rows[0]?.[0] ?? null });
  } catch (error) {
    port.postMessage({ error: String(error?.message ?? error) });
  }
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});`;

let worker: Worker | undefined;

function postgresCount(query: string, params: (string | number)[]): number {
  worker ??= new Worker(WORKER, { eval: true, workerData: { url: process.env.DATABASE_URL } });
  worker.unref();
  let n = 0;
  // The same SQL in PostgreSQL's spelling: numbered placeholders, and strpos for instr (same arguments, same answer).
  const text = query.replace(/\?/g, () => `$${++n}`).replace(/\binstr\(/g, "strpos(");
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ text, values: params, port: port2, signal }, [port2]);
  Atomics.wait(signal, 0, 0, 10_000);
  const reply = receiveMessageOnPort(port1)?.message as { value?: unknown; error?: string } | undefined;
  port1.close();
  if (!reply) throw new Error(`No answer from PostgreSQL within 10 s to: ${text}`);
  if (reply.error) throw new Error(`${reply.error} in: ${text}`);
  return Number(reply.value);
}
