/**
 * Each page is served by a Remix handler that holds only the routes the page needs (server/route-branches.ts). With
 * the app's own routes: that smaller set matches every path, and every parent path the page's HTML names routes
 * for, to the very routes the whole app matches.
 */
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
// The same file-name rules the app's routes.ts applies, from the Remix package itself.
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { branchHandlers, buildFor, routesNeeded } from "../../server/route-branches";
import { matchedRouteIds, routeTree } from "../../server/route-ids";

const appDir = path.resolve(import.meta.dirname, "../../app");
const manifest = { root: { id: "root", path: "" }, ...flatRoutes(appDir) } as unknown as ServerBuild["routes"];
const whole = routeTree(manifest);

/** The path and each path above it: what Remix matches to decide which routes a page's HTML names. */
function pathAndParents(pathname: string): string[] {
  const segments = pathname.split("/").filter(Boolean);
  return [pathname, ...segments.map((_, depth) => `/${segments.slice(0, depth).join("/")}`)];
}

function expectSameMatches(pathname: string) {
  const needed = routesNeeded(whole, pathname);
  if (!needed) {
    expect(matchedRouteIds(whole, pathname)).toBeNull();
    return;
  }
  const pruned = routeTree(buildFor({ routes: manifest, assets: { routes: manifest } } as never, needed).routes);
  for (const p of pathAndParents(pathname))
    expect([p, matchedRouteIds(pruned, p)]).toEqual([p, matchedRouteIds(whole, p)]);
}

const VALUES = ["42", "new", "edit", "x"];
/** Matching against every route is the slow work this avoids: on a busy machine the checks need time. */
const SLOW = 60_000;
/** Every route's path with its parameters filled in each way, so static and dynamic neighbours meet. */
const routePaths = Object.values(manifest).flatMap((route) => {
  const pattern = route.path ?? "";
  return VALUES.map((value) => `/${pattern.replace(/:\w+/g, value).replace(/\*$/, `${value}/${value}`)}`);
});

describe("the routes a page's handler holds", () => {
  it(
    "match every route's own paths, and the paths above them, as the whole app's routes do",
    () => {
      expect(routePaths.length).toBeGreaterThan(150);
      for (const p of routePaths) expectSameMatches(p);
    },
    SLOW,
  );

  it(
    "match any path made of the app's path segments as the whole app's routes do",
    () => {
      const segments = [
        ...new Set(
          Object.values(manifest)
            .flatMap((r) => (r.path ?? "").split("/"))
            .filter((s) => s && !s.startsWith(":")),
        ),
        ...VALUES,
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...segments), { maxLength: 5 }), fc.boolean(), (parts, slash) => {
          expectSameMatches(`/${parts.join("/")}${slash && parts.length ? "/" : ""}`);
        }),
        { numRuns: 200 },
      );
    },
    SLOW,
  );

  it("are few: a page needs its own routes and its parents', not the app's", () => {
    const needed = routesNeeded(whole, "/people/42/evidence")!;
    expect(needed).toEqual(expect.arrayContaining(["root", "routes/people.$personId.evidence"]));
    expect(needed.length).toBeLessThan(Object.keys(manifest).length / 5);
  });
});

describe("the handler a request is given", () => {
  const made: string[][] = [];
  const handlerFor = branchHandlers({ routes: manifest, assets: { routes: manifest } } as never, (build) => {
    made.push(Object.keys(build.routes));
    return Object.keys(build.routes);
  });

  it("is the whole app's for a path no route matches and for the browser's manifest requests", () => {
    const everyRoute = Object.keys(manifest);
    expect(handlerFor("/__manifest")).toEqual(everyRoute);
    expect(handlerFor("/people/1/no/such/page")).toEqual(everyRoute);
  });

  it("is made once for each set of routes, whoever's page it is, and serves its data requests too", () => {
    const first = handlerFor("/people/1/evidence");
    const count = made.length;
    expect(handlerFor("/people/2/evidence")).toBe(first);
    expect(handlerFor("/people/3/evidence.data")).toBe(first);
    expect(made.length).toBe(count);
    expect(handlerFor("/_root.data")).toBe(handlerFor("/"));
  });
});
