import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteNode[];
}

/**
 * Names the route a request is for (its Remix route id, such as "routes/audit"), so the error log says which page
 * failed even when the path carries ids. A single-fetch data request ("/audit.data", "/_root.data") is named by the
 * page it loads for.
 */
export function routeNamer(build: Pick<ServerBuild, "routes">): (pathname: string) => string | null {
  const routes = Object.values(build.routes);
  const tree = (parentId: string | undefined): RouteNode[] =>
    routes
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  // Index routes carry no children; the router's types insist on it.
  const root = tree(undefined).map(function strip(node): RouteNode {
    return node.index ? { ...node, children: undefined } : { ...node, children: node.children?.map(strip) };
  });
  return (pathname) => {
    const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
    return matchRoutes(root as Parameters<typeof matchRoutes>[0], page)?.at(-1)?.route.id ?? null;
  };
}
