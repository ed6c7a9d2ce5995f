/**
 * A streamed answer (the national readiness API, the dashboard CSV) is written as fast as the client takes it, not
 * as fast as the server can make it: a slow client holds back the stream instead of the server buffering the whole
 * answer for it, and a client that leaves stops the stream.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { writeBody } from "../../server/remix-handler";

const CHUNK = new Uint8Array(64 * 1024).fill(120);
const CHUNKS = 1_600; // 100 MB: far more than loopback's socket buffers can hold

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering every request with CHUNKS pieces of a stream that counts how many it was asked for. */
async function serveCountedStream() {
  const counts = { pulled: 0, cancelled: false, written: Promise.resolve() };
  server = http.createServer((_req, res) => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        counts.pulled += 1;
        if (counts.pulled > CHUNKS) controller.close();
        else controller.enqueue(CHUNK);
      },
      cancel() {
        counts.cancelled = true;
      },
    });
    counts.written = writeBody(body, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<http.IncomingMessage>((resolve) => http.get({ port, host: "127.0.0.1" }, resolve));
  return { counts, response };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a streamed answer", () => {
  it("is taken from its stream only as fast as the client reads it, and arrives whole", async () => {
    const { counts, response } = await serveCountedStream();
    response.pause();
    await pause(500);
    // Whatever the socket buffers hold, far less than the whole answer has been made.
    expect(counts.pulled).toBeGreaterThan(0);
    expect(counts.pulled).toBeLessThan(CHUNKS / 4);
    let bytes = 0;
    response.on("data", (chunk: Buffer) => (bytes += chunk.length));
    await new Promise((resolve) => response.on("end", resolve).resume());
    await counts.written;
    expect(bytes).toBe(CHUNKS * CHUNK.length);
  });

  it("stops when the client leaves part way", async () => {
    const { counts, response } = await serveCountedStream();
    response.pause();
    await pause(200);
    response.destroy();
    await counts.written;
    expect(counts.cancelled).toBe(true);
    expect(counts.pulled).toBeLessThan(CHUNKS / 4);
  });
});
