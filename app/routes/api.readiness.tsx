import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInLondon } from "~/domain/training-status";
import { requireUser, type CurrentUser } from "~/services/auth.server";
import { readinessFor, visibleStaff } from "~/services/compliance-readiness.server";
import { getDb } from "~/lib/db.server";
import { idParam } from "~/lib/request.server";

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "private, no-store" } });

/** requireUser answers a browser with a redirect; an API client gets the same decision as a JSON status instead. */
async function apiUser(request: Request): Promise<CurrentUser | Response> {
  try {
    return await requireUser(request);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const toSignIn = thrown.headers.get("Location")?.startsWith("/sign-in") ?? true;
    return toSignIn
      ? json({ error: "Sign in to use this API" }, 401)
      : json({ error: "Set up two-step sign-in before using this API" }, 403);
  }
}

/**
 * GET /api/readiness[?personId=N]: [{ personId, name, jobRole, readiness, ready, blockers, awaitingVerification }]
 * for the staff the caller may see. `readiness` is "ready", "pending-verification" or "not-ready"; `ready` is true
 * only for "ready", so a client that reads only `ready` never assigns referrals on unverified training. A person id
 * the caller may not see answers 404, the same as one that does not exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await apiUser(request);
  if (user instanceof Response) return user;
  const db = getDb();
  let staff = await visibleStaff(db, user.viewer);
  const personParam = new URL(request.url).searchParams.get("personId");
  if (personParam !== null) {
    const personId = idParam(personParam);
    staff = staff.filter((p) => p.id === personId);
    if (staff.length === 0) return json({ error: "Person not found" }, 404);
  }
  const readiness = await readinessFor(db, staff, todayInLondon(new Date()));
  return json(
    readiness.map((r) => ({
      personId: r.personId,
      name: r.name,
      jobRole: r.jobRole,
      readiness: r.state,
      ready: r.state === "ready",
      blockers: r.blockers,
      awaitingVerification: r.awaitingVerification,
    })),
  );
}
