import type { LoaderFunctionArgs } from "@remix-run/node";
import { canImportTraining } from "~/domain/permissions";
import { templateCsv } from "~/domain/training-import-file";
import { requireUserWho } from "~/services/auth.server";

/** The empty template the import page takes: one row per person and training. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWho(request, context, canImportTraining);
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="training-import-template.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
