import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInLondon } from "~/domain/training-status";
import { checkUser, type Refusal } from "~/services/auth.server";
import { readinessAnswerJson, readinessJson, visibleReadiness } from "~/services/compliance-readiness.server";
import { getDb } from "~/lib/db.server";
import { idParam } from "~/lib/request.server";
import { textStream } from "~/lib/text-stream.server";

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "private, no-store" } });
const ANSWER_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };

/** A page answers a refusal with a redirect; an API client gets it as a JSON status: 401 signed out, 403 otherwise. */
const REFUSALS: Record<Refusal, { status: number; error: string }> = {
  "signed-out": { status: 401, error: "Sign in to use this API" },
  "second-factor-missing": { status: 403, error: "Set up two-step sign-in before using this API" },
};

/**
 * GET /api/readiness[?personId=N]: [{ personId, name, jobRole, readiness, ready, blockers, awaitingVerification }]
 * for the staff the caller may see. `readiness` is "ready", "pending-verification" or "not-ready"; `ready` is true
 * only for "ready", so a client that reads only `ready` never assigns referrals on unverified training. A person id
 * the caller may not see answers 404, the same as one that does not exist.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const checked = await checkUser(request, context);
  if (!checked.ok) return json({ error: REFUSALS[checked.refusal].error }, REFUSALS[checked.refusal].status);
  const viewer = checked.user.viewer;
  const today = todayInLondon(new Date());
  const personParam = new URL(request.url).searchParams.get("personId");
  if (personParam !== null) {
    const personId = idParam(personParam);
    const first = personId === null ? null : await (await visibleReadiness(getDb(), viewer, today, personId)).next();
    const found = first && !first.done ? first.value : [];
    return found.length
      ? new Response(`[${found.map(readinessAnswerJson).join(",")}]`, { headers: ANSWER_HEADERS })
      : json({ error: "Person not found" }, 404);
  }
  const batches = await visibleReadiness(getDb(), viewer, today);
  return new Response(textStream(readinessJson(batches)), { headers: ANSWER_HEADERS });
}
