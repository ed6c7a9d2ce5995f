import type { LoaderFunctionArgs } from "@remix-run/node";
import { pcnScopeOf, scopeCovers } from "~/domain/permissions";
import { getPcn } from "~/models/pcn.server";
import { gatherComplianceReport } from "~/services/compliance-report.server";
import { slug } from "~/services/portfolio-export.server";
import { makePdf } from "~/pdf/make.server";
import { figuresUpdatingResponse, pdfBusyResponse } from "~/components/busy-page";
import { FiguresBeingUpdated } from "~/domain/figures";
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
  // A PCN that does not exist is a 404 even when every PDF worker is busy: access is answered before capacity.
  if (pcnId !== null && !(await getPcn(getDb(), pcnId))) throw notFound();
  let pdf;
  try {
    pdf = await makePdf(async () => {
      const data = await gatherComplianceReport(getDb(), pcnId);
      return (
        data && {
          fileName: `compliance-report-${slug(data.scope)}-${data.today}.pdf`,
          job: { kind: "compliance-report", data },
        }
      );
    });
  } catch (error) {
    if (error instanceof FiguresBeingUpdated) return figuresUpdatingResponse();
    throw error;
  }
  if (pdf === "busy") return pdfBusyResponse();
  if (!pdf) throw notFound();
  return pdf;
}
