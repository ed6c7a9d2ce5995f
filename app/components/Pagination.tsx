import { useLocation } from "@remix-run/react";
import { appPath, Link } from "~/components/kit/Link";

interface PaginationLink {
  /** Query parameters to set (null: remove); the rest of the query (filters, search) is kept as it is. */
  set: Record<string, string | null>;
  title: string;
  /** The smaller line under the title, such as "Page 2 of 5". */
  label?: string;
}

/** The NHS pagination pattern: a "previous" link on the left and a "next" link on the right, either or both. */
function PaginationNav({ previous, next }: { previous: PaginationLink | null; next: PaginationLink | null }) {
  const location = useLocation();
  if (!previous && !next) return null;
  const hrefFor = (set: PaginationLink["set"]) => {
    const params = new URLSearchParams(location.search);
    for (const [name, value] of Object.entries(set)) {
      if (value === null) params.delete(name);
      else params.set(name, value);
    }
    return `${appPath(location.pathname)}?${params.toString()}` as const;
  };
  const item = (link: PaginationLink, side: "prev" | "next") => (
    <li className={`nhsuk-pagination-item--${side === "prev" ? "previous" : "next"}`}>
      <Link className={`nhsuk-pagination__link nhsuk-pagination__link--${side}`} to={hrefFor(link.set)}>
        <span className="nhsuk-pagination__title">{link.title}</span>
        {link.label ? (
          <>
            <span className="nhsuk-u-visually-hidden">:</span>
            <span className="nhsuk-pagination__page">{link.label}</span>
          </>
        ) : null}
      </Link>
    </li>
  );
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous ? item(previous, "prev") : null}
        {next ? item(next, "next") : null}
      </ul>
    </nav>
  );
}

/** Previous and next links that keep the rest of the query (filters, search) as it is. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number, title: string): PaginationLink => ({
    set: { page: String(p) },
    title,
    label: `Page ${p} of ${pages}`,
  });
  return (
    <PaginationNav
      previous={page > 1 ? link(page - 1, "Previous") : null}
      next={page < pages ? link(page + 1, "Next") : null}
    />
  );
}

/**
 * "Newer" and "Older" links for a list that pages by keyset (newest first): each carries the id of the entry at the
 * edge of this page, so a page stays the same however many entries are added above it.
 */
export function KeysetPagination({ newerThan, olderThan }: { newerThan: number | null; olderThan: number | null }) {
  return (
    <PaginationNav
      previous={newerThan === null ? null : { set: { newer: String(newerThan), older: null }, title: "Newer entries" }}
      next={olderThan === null ? null : { set: { older: String(olderThan), newer: null }, title: "Older entries" }}
    />
  );
}
