import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

export interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
}

type RouteManifest = Record<
  string,
  { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
>;

/** The build's flat list of routes as the nested tree the router matches paths against. */
export function routeTree(manifest: RouteManifest): RouteNode[] {
  const routes = Object.values(manifest);
  const tree = (parentId: string | undefined): RouteNode[] =>
    routes
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  // Index routes carry no children; the router's types insist on it.
  return tree(undefined).map(function strip(node): RouteNode {
    return node.index ? { ...node, children: undefined } : { ...node, children: node.children?.map(strip) };
  });
}

/** The routes matching a path, outermost first, or null when none does. */
export function matchedRouteIds(tree: RouteNode[], pathname: string): string[] | null {
  return (
    matchRoutes(tree as Parameters<typeof matchRoutes>[0], pathname)?.map((m) => (m.route as RouteNode).id) ?? null
  );
}

/** The page a path is for: a single-fetch data request ("/audit.data", "/_root.data") loads for its page. */
export const pagePath = (pathname: string) => (pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, ""));

/**
 * Names the route a request is for (its Remix route id, such as "routes/audit"), so the error log says which page
 * failed even when the path carries ids.
 */
export function routeNamer(build: Pick<ServerBuild, "routes">): (pathname: string) => string | null {
  const tree = routeTree(build.routes);
  return (pathname) => matchedRouteIds(tree, pagePath(pathname))?.at(-1) ?? null;
}
