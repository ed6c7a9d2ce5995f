import { createPath, parsePath, useLocation, useNavigate } from "@remix-run/react";
import {
  createContext,
  useCallback,
  useContext,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";

/** A path in this app, from its root: the only kind of address the app links to. */
export type AppPath = `/${string}`;

/** A path the server worked out for a link (a notice's, an audit entry's): from the root, or a mistake. */
export function appPath(path: string): AppPath {
  if (!path.startsWith("/")) throw new Error(`Not a path from the root of the app: ${path}`);
  return path as AppPath;
}

type FollowLink = (event: MouseEvent<HTMLAnchorElement>, href: string) => void;

const FollowLinkContext = createContext<FollowLink | undefined>(undefined);

/**
 * Follows app links in the browser without loading the whole page, as Remix's own <Link> does: a plain left click
 * on a link to this window (no modifier key, no other target) navigates with the router, and a link to the page
 * already open replaces it in the history rather than adding it again. One handler for every link on the page.
 */
export function LinkNavigation({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const follow = useCallback<FollowLink>(
    (event, href) => {
      const plainClick = event.button === 0 && !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey);
      const target = event.currentTarget.target;
      if (event.defaultPrevented || !plainClick || (target && target !== "_self")) return;
      event.preventDefault();
      const here = createPath(window.location);
      navigate(href, { replace: here === href });
    },
    [navigate],
  );
  return <FollowLinkContext.Provider value={follow}>{children}</FollowLinkContext.Provider>;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: AppPath;
}

/**
 * A link to another page of the app (ADR 0024): the same HTML and the same behaviour as Remix's <Link> for a path
 * from the root (its `data-discover` lets the browser's router learn the routes it leads to), at a fraction of the
 * cost of rendering one. Remix's resolves every link against the matched routes, twice, on every render: most of a
 * table page's rendering time went there. Links relative to the current page, prefetching and other targets: use
 * Remix's.
 */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = useContext(FollowLinkContext);
  const href = createPath(parsePath(to));
  return (
    <a
      {...rest}
      data-discover="true"
      href={href}
      onClick={(event) => {
        onClick?.(event);
        follow?.(event, href);
      }}
    />
  );
}

/** A link to this page with another query (a sort order, a person chosen, another page of results). */
export function QueryLink({ query, ...rest }: Omit<LinkProps, "to"> & { query: string }) {
  const { pathname } = useLocation();
  if (!query.startsWith("?")) throw new Error(`Not a query: ${query}`);
  return <Link to={`${appPath(pathname)}${query}`} {...rest} />;
}
