import { evidenceViewFor } from "~/domain/permissions";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInLondon } from "~/domain/training-status";
import { currentAppraisalYear, gatherPortfolio, portfolioFileName } from "~/services/portfolio-export.server";
import { periodSchema } from "~/forms/period.server";
import { makePdf } from "~/pdf/make.server";
import { pdfBusyResponse } from "~/components/busy-page";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/forms/fields";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";

/**
 * GET /people/:id/export.pdf?period=2026/27 — the appraisal portfolio as a PDF download, for whoever may see the
 * person. Without a period it covers the current appraisal year; a bad period is a 400 with the field's error as JSON,
 * which the export page shows next to the field. When every PDF worker is busy and the queue is full, a 503 page
 * says to try again in a minute.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const today = todayInLondon(new Date());
  const period = new URL(request.url).searchParams.get("period") ?? currentAppraisalYear(today).label;
  const parsed = parseForm(periodSchema(today), new URLSearchParams({ period }));
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 });
  const pdf = await makePdf(async () => {
    const data = await gatherPortfolio(getDb(), person.id, parsed.data.period, evidenceViewFor(user.viewer, person));
    return (
      data && {
        fileName: portfolioFileName(person.name, parsed.data.period, person.id),
        job: { kind: "portfolio", data },
      }
    );
  });
  if (pdf === "busy") return pdfBusyResponse();
  if (!pdf) throw notFound();
  return pdf;
}
