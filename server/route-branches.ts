import type { ServerBuild } from "@remix-run/node";
import { matchedRouteIds, pagePath, routeTree, type RouteNode } from "./route-ids";

/**
 * The routes a request for this path needs: those the path matches, and those each of its parent paths matches
 * (a page's HTML tells the browser's router about all of these, as Remix's getPartialManifest works them out).
 * Null when the path matches no route.
 */
export function routesNeeded(tree: RouteNode[], pathname: string): string[] | null {
  const matched = matchedRouteIds(tree, pathname);
  if (!matched) return null;
  const ids = new Set(matched);
  const segments = pathname.split("/").filter(Boolean);
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    for (const id of matchedRouteIds(tree, `/${segments.slice(0, depth).join("/")}`) ?? []) ids.add(id);
  }
  return [...ids];
}

function pick<T>(record: Record<string, T>, ids: readonly string[]): Record<string, T> {
  // Kept in the build's own order: the router ranks routes of equal score by that order.
  const wanted = new Set(ids);
  return Object.fromEntries(Object.entries(record).filter(([id]) => wanted.has(id)));
}

/** The build as Remix needs it for one page: only the routes that page needs, in its server code and its manifest. */
export function buildFor(build: ServerBuild, ids: readonly string[]): ServerBuild {
  return {
    ...build,
    routes: pick(build.routes, ids),
    assets: { ...build.assets, routes: pick(build.assets.routes, ids) },
  };
}

/** How many paths' choice of handler is remembered, oldest forgotten first, and the longest path remembered. */
const REMEMBERED_PATHS = 2_000;
const REMEMBERED_LENGTH = 200;

/**
 * Remix matches a request's path against every route of the app four times or more per page (the server, the
 * router, the render, the browser's manifest), and the router compiles each route's pattern each time: that was
 * the largest part of a light page's CPU. So each page is served by a request handler made for a build holding only
 * the routes that page needs, where matching is a few routes' work. The answer is the same: Remix matches the
 * same routes among them, and the page's HTML names the same routes to the browser. Paths that match nothing, and
 * the browser's requests for more of the manifest, go to the handler of the whole build.
 *
 * `handlerOf` makes a handler for a build; the one for each set of routes is made once and kept.
 */
export function branchHandlers<Handler>(
  build: ServerBuild,
  handlerOf: (build: ServerBuild) => Handler,
): (pathname: string) => Handler {
  const tree = routeTree(build.routes);
  const whole = handlerOf(build);
  const byRoutes = new Map<string, Handler>();
  const byPath = new Map<string, Handler>();
  return (pathname) => {
    const known = byPath.get(pathname);
    if (known) return known;
    const ids = pathname === "/__manifest" ? null : routesNeeded(tree, pagePath(pathname));
    let handler = whole;
    if (ids) {
      const key = [...ids].sort().join("\n");
      handler = byRoutes.get(key) ?? handlerOf(buildFor(build, ids));
      byRoutes.set(key, handler);
    }
    if (pathname.length > REMEMBERED_LENGTH) return handler;
    if (byPath.size >= REMEMBERED_PATHS) byPath.delete(byPath.keys().next().value!);
    byPath.set(pathname, handler);
    return handler;
  };
}
