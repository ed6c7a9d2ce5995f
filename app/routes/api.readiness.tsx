import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { MAX_PAGE_SIZE, PAGE_SIZE } from "~/domain/readiness-pages";
import { todayInLondon } from "~/domain/training-status";
import { checkUser, type Refusal } from "~/services/auth.server";
import {
  readinessAnswerJson,
  readinessPageJson,
  visibleReadinessOf,
  visibleReadinessPage,
} from "~/services/compliance-readiness.server";
import { getDb } from "~/lib/db.server";
import { idParam } from "~/lib/request.server";

/** Every answer, refusals included, is about named people: never kept by a browser or a proxy. */
const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };
const answer = (text: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { ...HEADERS, ...headers } });
const json = (body: unknown, status = 200) => answer(JSON.stringify(body), status);

/** A refusal on a page answers with a redirect; an API client gets it as a JSON status: 401 signed out, 403 otherwise. */
const REFUSALS: Record<Refusal, { status: number; error: string }> = {
  "signed-out": { status: 401, error: "Sign in to use this API" },
  "second-factor-missing": { status: 403, error: "Set up two-step sign-in before using this API" },
};

const AFTER_ERROR =
  "after must be the personId a page ends with (a whole number of 1 or more), as the next link gives it";
const LIMIT_ERROR = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
const pageQuery = z.object({
  after: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, AFTER_ERROR)
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, LIMIT_ERROR)
    .transform(Number)
    .refine((n) => n <= MAX_PAGE_SIZE, LIMIT_ERROR)
    .optional(),
});

/**
 * GET /api/readiness[?after=N][&limit=N]: one page of `{ people, next }` for the staff the caller may see, in order of
 * personId; `next` is the address of the next page (also sent as a `Link: <...>; rel="next"` header), null on the last.
 * Each person is `{ personId, name, jobRole, readiness, ready, upToDate, blockers, awaitingVerification }` (and
 * `asOf` when not up to date): `readiness` is "ready", "pending-verification" or "not-ready"; `ready` is true only
 * for "ready" on an up-to-date answer, so a client that reads only `ready` never assigns referrals on unverified
 * training or on an answer worked out under rules since changed. A bad `after` or `limit` answers 400 `{ error, field }`.
 *
 * GET /api/readiness?personId=N: `[person]` for one person the caller may see; anyone else answers 404, the same as
 * one that does not exist. See docs/readiness-api.md.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const checked = await checkUser(request, context);
  if (!checked.ok) return json({ error: REFUSALS[checked.refusal].error }, REFUSALS[checked.refusal].status);
  const viewer = checked.user.viewer;
  const today = todayInLondon(new Date());
  const search = new URL(request.url).searchParams;
  const personParam = search.get("personId");
  if (personParam !== null) {
    const personId = idParam(personParam);
    const found = personId === null ? null : await visibleReadinessOf(getDb(), viewer, today, personId);
    return found
      ? answer(`[${readinessAnswerJson(found.person, found.freshness)}]`)
      : json({ error: "Person not found" }, 404);
  }
  const query = pageQuery.safeParse(Object.fromEntries(search));
  if (!query.success) {
    const issue = query.error.issues[0]!;
    return json({ error: issue.message, field: String(issue.path[0]) }, 400);
  }
  const { after = 0, limit } = query.data;
  const page = await visibleReadinessPage(getDb(), viewer, today, { after, size: limit ?? PAGE_SIZE });
  const next =
    page.nextAfter === null
      ? null
      : `/api/readiness?${new URLSearchParams({ after: String(page.nextAfter), ...(limit ? { limit: String(limit) } : {}) })}`;
  return answer(
    readinessPageJson(page.people, page.freshness, next),
    200,
    next ? { Link: `<${next}>; rel="next"` } : {},
  );
}
