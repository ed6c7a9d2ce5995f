/** What a PDF worker process sends back for the job it was given: the document's bytes in order, then how it ended. */
export type WorkerMessage =
  { type: "chunk"; bytes: Uint8Array } | { type: "done" } | { type: "error"; message: string };
