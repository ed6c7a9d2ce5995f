/** What the dashboard page and its CSV export share: who may see it, whose rows, and the filters in the URL. */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { canChooseScope, pcnScopeOf } from "~/domain/permissions";
import { todayInLondon } from "~/domain/training-status";
import { SORTS, type DashboardQuery, type DashboardScope, type DashboardSort } from "~/models/dashboard.server";
import { bringRollupsUpToDate } from "~/models/rollups.server";
import { getPcn, listIcsNames, listPcnNames } from "~/models/pcn.server";
import { getContent } from "~/content/index.server";
import { notFound, requireUser } from "./auth.server";
import { getDb } from "~/lib/db.server";
import { pageNumber } from "~/forms/fields";

// Ascending shows who needs attention first for most columns; for counts of problems the worst come first descending.
const DEFAULT_DIRECTION: Record<DashboardSort, "asc" | "desc"> = {
  name: "asc",
  readiness: "asc",
  verified: "desc",
  expired: "desc",
  expiring: "desc",
  missing: "desc",
  supervision: "asc",
  competencies: "asc",
  cpd: "asc",
};

// Built once per process (the content's roles do not change while it runs): zod compiles a schema on its first
// parse, which cost more than the rest of the parse when it was built per request.
let querySchema: ReturnType<typeof buildQuerySchema> | undefined;

function buildQuerySchema() {
  const roles = getContent().roles.roles.map((r) => r.id) as [string, ...string[]];
  // Unknown values are ignored rather than refused, so an old bookmark still opens.
  return z.object({
    q: z.string().trim().max(100).optional().catch(undefined),
    jobRole: z.enum(roles).optional().catch(undefined),
    readiness: z.enum(["ready", "pending-verification", "not-ready"]).optional().catch(undefined),
    verified: z.enum(["unverified", "verified"]).optional().catch(undefined),
    supervision: z.enum(["ok", "due-soon", "overdue", "no-supervisor"]).optional().catch(undefined),
    training: z.enum(["expired", "expiring-soon", "missing"]).optional().catch(undefined),
    induction: z.enum(["incomplete", "complete", "none"]).optional().catch(undefined),
    sort: z.enum(SORTS).catch("name"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
    pcn: z.coerce.number().int().positive().optional().catch(undefined),
    // Checked against the ICS names by icsChosen: they come from the database, so are not part of this schema.
    ics: z.string().optional().catch(undefined),
    page: pageNumber(),
  });
}

/** "": every ICS, chosen on purpose (which lets go of a PCN); absent or not one of `icsNames`: no choice made. */
function icsChosen(asked: string | undefined, icsNames: readonly string[]): string | undefined {
  return asked === "" || (asked !== undefined && icsNames.includes(asked)) ? asked : undefined;
}

/**
 * Leads see their own PCN and cannot choose another; admins see every PCN, or the ICS or PCN they pick (a PCN
 * picked narrows further than an ICS). Admins choose an ICS first and then one of its PCNs, so the page never lists
 * the nation's PCNs; an ICS chosen that is not the PCN's replaces the PCN (the admin changed the ICS after choosing
 * a PCN). Anyone else is told the page does not exist.
 */
export async function loadDashboard(request: Request, context: AppLoadContext) {
  const user = await requireUser(request, context);
  const pcns = pcnScopeOf(user.viewer);
  if (pcns.kind === "none") throw notFound();
  const admin = canChooseScope(user.viewer);
  const db = getDb();
  const icsNames = admin ? await listIcsNames(db) : [];
  querySchema ??= buildQuerySchema();
  const parsed = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const asked = pcns.kind === "one" ? pcns.pcnId : (parsed.pcn ?? null);
  // A lead's PCN is their own, named on their signed-in record (its ICS only matters to an admin's choice).
  const ownName = pcns.kind === "one" ? user.person.pcnName : null;
  const found =
    asked === null ? null : ownName !== null ? { id: asked, name: ownName, icsName: null } : await getPcn(db, asked);
  // A PCN that does not exist is not found, rather than an empty "All PCNs" page.
  if (asked !== null && !found) throw new Response("Not found", { status: 404 });
  const ics = icsChosen(parsed.ics, icsNames);
  const icsChoice = ics === undefined ? undefined : ics || null;
  const pcn = admin && icsChoice !== undefined && found?.icsName !== icsChoice ? null : found;
  const pcnId = pcn?.id ?? null;
  const query: DashboardQuery = {
    search: parsed.q || undefined,
    jobRole: parsed.jobRole,
    readiness: parsed.readiness,
    verified: parsed.verified,
    supervision: parsed.supervision,
    training: parsed.training,
    induction: parsed.induction,
    sort: parsed.sort,
    direction: parsed.dir ?? DEFAULT_DIRECTION[parsed.sort],
  };
  // The ICS chosen, or the chosen PCN's: the PCN choices are its PCNs (with none, the PCNs in no ICS).
  const icsName = admin ? (icsChoice ?? pcn?.icsName ?? null) : null;
  const rowScope: DashboardScope =
    pcnId !== null ? { kind: "pcn", pcnId } : icsName !== null ? { kind: "ics", icsName } : { kind: "all" };
  return {
    today: todayInLondon(new Date()),
    viewer: user.viewer,
    rowScope,
    query,
    page: parsed.page,
    scope: {
      pcnId: pcn?.id ?? null,
      pcnName: pcn?.name ?? icsName ?? (admin ? "All PCNs" : null),
      pcnOptions: admin ? (await listPcnNames(db, icsName)).map((p) => ({ value: String(p.id), label: p.name })) : null,
      icsName,
      icsOptions: admin ? icsNames.map((name) => ({ value: name, label: name })) : null,
    },
  };
}

/** Where each column heading's sort link goes: choosing the current sort again reverses it; paging starts over. */
export function sortLinks(search: string, query: DashboardQuery): Record<DashboardSort, string> {
  const links = {} as Record<DashboardSort, string>;
  for (const sort of SORTS) {
    const params = new URLSearchParams(search);
    params.set("sort", sort);
    params.set("dir", query.sort === sort ? (query.direction === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[sort]);
    params.delete("page");
    links[sort] = `?${params.toString()}`;
  }
  return links;
}

/**
 * For the server's schedule: builds the rollups if they need it, then refreshes every standing that time alone has
 * changed (training expired overnight, say), a batch at a time, so pages need not wait for them.
 */
export async function refreshStaleRollups(): Promise<string> {
  const refreshed = await bringRollupsUpToDate(getDb(), todayInLondon(new Date()));
  return `refreshed ${refreshed} standing(s)`;
}
