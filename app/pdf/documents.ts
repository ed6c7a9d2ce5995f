/**
 * The documents a PDF worker can lay out, each with the plain data it draws. The data crosses to the worker process
 * by structured clone, so it must stay plain: strings, numbers, booleans, null, arrays and objects.
 */
import type { Writable } from "node:stream";
import { type ComplianceReportData, renderComplianceReport } from "./compliance-report";
import { type PortfolioData, renderPortfolio } from "./portfolio-document";

export type PdfJob =
  { kind: "portfolio"; data: PortfolioData } | { kind: "compliance-report"; data: ComplianceReportData };

/** Lays out one document and writes it to `out`, in whichever thread calls it. */
export function renderPdf(job: PdfJob, out: Writable): Promise<void> {
  switch (job.kind) {
    case "portfolio":
      return renderPortfolio(job.data, out);
    case "compliance-report":
      return renderComplianceReport(job.data, out);
  }
}
