import { PassThrough, type Writable } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";

/**
 * A PDF download streamed to the browser as pdfkit writes it. `fileName` must be ASCII (see slug in
 * portfolio-export.server.ts). A failure part-way ends the stream with an error, so the browser reports a failed
 * download rather than saving a truncated file as if it were whole.
 */
export function pdfResponse(fileName: string, render: (out: Writable) => Promise<void>): Response {
  const body = new PassThrough();
  render(body).catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
