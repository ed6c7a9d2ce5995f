/**
 * The header menu and the home page's links are built from the permission predicates, so every link a role is
 * shown opens (200) for that role, and nobody is shown a link to a page that would answer "not found".
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as root from "~/root";
import * as adminPcns from "~/routes/admin.pcns";
import * as appraisals from "~/routes/appraisals";
import * as audit from "~/routes/audit";
import * as dashboard from "~/routes/dashboard";
import * as home from "~/routes/_index";
import * as peopleIndex from "~/routes/people._index";
import * as cpd from "~/routes/people.$personId.cpd._index";
import * as development from "~/routes/people.$personId.development";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as supervision from "~/routes/people.$personId.supervision";
import * as training from "~/routes/people.$personId.training._index";
import * as review from "~/routes/review";
import { makePerson } from "../../scripts/lib/factories";
import { makeWorld, ROLES, type World } from "./access-table";
import { cookieFor, load, type Outcome } from "./harness";

type Loader = (args: LoaderFunctionArgs) => unknown;

/** The page behind each link the menu or the home page can show: a path pattern and its route's loader. */
const PAGES: [RegExp, Loader][] = [
  [/^\/$/, home.loader],
  [/^\/people\/(?<personId>\d+)\/evidence$/, evidenceList.loader],
  [/^\/people\/(?<personId>\d+)\/training$/, training.loader],
  [/^\/people\/(?<personId>\d+)\/cpd$/, cpd.loader],
  [/^\/people\/(?<personId>\d+)\/supervision$/, supervision.loader],
  [/^\/people\/(?<personId>\d+)\/development$/, development.loader],
  [/^\/review$/, review.loader],
  [/^\/appraisals$/, appraisals.loader],
  [/^\/dashboard$/, dashboard.loader],
  [/^\/people$/, peopleIndex.loader],
  [/^\/audit$/, audit.loader],
  [/^\/admin\/pcns$/, adminPcns.loader],
];

/** Opens a link as the browser would reach its page's loader; a link with no known page fails the test. */
function open(href: string, cookie: string): Promise<Outcome> {
  for (const [pattern, loader] of PAGES) {
    const match = pattern.exec(href);
    if (match) return load(loader, href, { cookie, params: { ...match.groups } });
  }
  throw new Error(`No page known for the link ${href}: add it to PAGES`);
}

let world: World;
let leadWithoutPcn: string;
beforeAll(async () => {
  world = await makeWorld();
  const lead = await makePerson(getDb(), { pcnId: null, roles: ["lead"], jobRole: null });
  leadWithoutPcn = await cookieFor(lead.id);
});

const signedIn = ROLES.filter((r) => r !== "anonymous");
const cookieOf = (who: string) =>
  who === "leadWithoutPcn" ? leadWithoutPcn : world.cookies[who as keyof World["cookies"]];

describe("the header menu", () => {
  it.each([...signedIn, "leadWithoutPcn"])("every link shown to %s opens", async (who) => {
    const cookie = cookieOf(who);
    const menu = (await load(root.loader, "/", { cookie })).data.navigation as { href: string }[];
    expect(menu.length).toBeGreaterThan(1);
    for (const { href } of menu) expect([href, (await open(href, cookie)).status]).toEqual([href, 200]);
  });

  it("shows a lead not yet placed in a PCN neither the dashboard nor the audit trail, which they cannot open", async () => {
    const menu = (await load(root.loader, "/", { cookie: leadWithoutPcn })).data.navigation as { href: string }[];
    expect(menu.map((item) => item.href)).toEqual(["/", "/people"]);
    expect((await open("/dashboard", leadWithoutPcn)).status).toBe(404);
    expect((await open("/audit", leadWithoutPcn)).status).toBe(404);
  });

  it("shows nobody signed in no menu", async () => {
    expect((await load(root.loader, "/", {})).data.navigation).toEqual([]);
  });
});

describe("the home page's links", () => {
  const LINKS = { dashboard: "/dashboard", people: "/people", pcns: "/admin/pcns" } as const;

  it.each([...signedIn, "leadWithoutPcn"])("each one shown to %s opens, and each one hidden would not", async (who) => {
    const cookie = cookieOf(who);
    const shown = (await load(home.loader, "/", { cookie })).data.links as Record<keyof typeof LINKS, boolean>;
    for (const [name, href] of Object.entries(LINKS)) {
      const status = (await open(href, cookie)).status;
      expect([href, status]).toEqual([href, shown[name as keyof typeof LINKS] ? 200 : 404]);
    }
  });
});
