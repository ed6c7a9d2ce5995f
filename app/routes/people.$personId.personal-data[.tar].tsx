import type { LoaderFunctionArgs } from "@remix-run/node";
import { tarChunks } from "~/domain/tar";
import { canExportPersonalData } from "~/domain/permissions";
import { auditPersonalDataExport, gatherPersonalData, personalDataEntries } from "~/models/subject-access.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";

/**
 * GET /people/:id/personal-data.tar — everything held about a person (JSON plus their files) for a subject access
 * request, for the person themselves or an administrator. Each download is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  if (!canExportPersonalData(user.viewer, person)) throw notFound();
  const db = getDb();
  const gathered = await gatherPersonalData(db, person.id);
  if (!gathered) throw notFound();
  await auditPersonalDataExport(db, person, gathered.files.length, actorOf(user, context));
  const chunks = tarChunks(personalDataEntries(gathered, env().DATA_DIR));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="personal-data-${person.id}-${new Date().toISOString().slice(0, 10)}.tar"`,
      "Cache-Control": "no-store",
    },
  });
}
