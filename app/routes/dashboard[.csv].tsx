import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard } from "~/services/compliance-dashboard.server";
import { dashboardCsvStream } from "~/services/dashboard-csv.server";
import { appraisalYearOfDate } from "~/content/compliance-rules.server";
import { getDb } from "~/lib/db.server";
import { figuresUpdatingResponse } from "~/components/busy-page";
import { FiguresBeingUpdated } from "~/domain/figures";

/**
 * The dashboard table as it is filtered and sorted, every page of it, for a spreadsheet; streamed row by row. While
 * its figures are being brought up to date, 503 and a page saying so.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rowScope, query, today, scope } = await loadDashboard(request, context);
  const year = appraisalYearOfDate(today).label;
  const scopeName = (scope.pcnName ?? "pcn")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  let csv: ReadableStream<Uint8Array>;
  try {
    csv = await dashboardCsvStream(getDb(), rowScope, query, today, year);
  } catch (error) {
    if (error instanceof FiguresBeingUpdated) return figuresUpdatingResponse();
    throw error;
  }
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dashboard-${scopeName}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
