import type { LoaderFunctionArgs } from "@remix-run/node";
import { pcnScopeOf, scopeCovers } from "~/domain/permissions";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { slug } from "~/services/portfolio-export.server";
import { renderComplianceReport } from "~/pdf/compliance-report";
import { pdfResponse } from "~/pdf/response.server";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { idParam } from "~/lib/request.server";

/**
 * GET /reports/compliance.pdf — the PCN compliance report for governance meetings. A lead gets their own PCN; an
 * admin names one with ?pcnId= or gets every PCN. Anyone else, and a lead asking for another PCN, gets a 404.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer } = await requireUser(request, context);
  const asked = new URL(request.url).searchParams.get("pcnId");
  const pcns = pcnScopeOf(viewer);
  const pcnId = asked !== null ? idParam(asked) : pcns.kind === "one" ? pcns.pcnId : null;
  if (asked !== null && pcnId === null) throw notFound();
  if (!scopeCovers(pcns, pcnId)) throw notFound();
  const data = await gatherComplianceReport(getDb(), pcnId);
  if (!data) throw notFound();
  return pdfResponse(`compliance-report-${slug(data.scope)}-${data.today}.pdf`, (out) =>
    renderComplianceReport(data, out),
  );
}
