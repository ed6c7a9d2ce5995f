import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canViewPerson, evidenceViewFor } from "~/domain/permissions";
import { attachmentPath, getAttachment, isSharedAttachment } from "~/models/attachment.server";
import { getPerson } from "~/models/user.server";
import { notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { idParam } from "~/lib/request.server";

/**
 * Streams a stored file, always as a download, to its owner, or to someone allowed to see the owner's portfolio
 * if the file is in something the owner has shared (see isSharedAttachment).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.attachmentId);
  const attachment = id === null ? null : await getAttachment(getDb(), id);
  const owner = attachment ? await getPerson(getDb(), attachment.ownerId) : null;
  if (!attachment || !owner || !canViewPerson(user.viewer, owner)) throw notFound();
  if (evidenceViewFor(user.viewer, owner) !== "owner" && !(await isSharedAttachment(getDb(), attachment.id)))
    throw notFound();
  const file = attachmentPath(env().DATA_DIR, attachment.sha256);
  if (!fs.existsSync(file)) throw notFound();
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": attachment.mime,
      "Content-Length": String(attachment.size),
      "Content-Disposition": `attachment; filename="${attachment.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
