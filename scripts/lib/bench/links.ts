/**
 * Finding URLs the way a person would: by following the links and choices a page itself offers, so the bench keeps
 * working when a page changes how it pages (offset or keyset) or names a filter.
 */
import type { PortfolioClient } from "../portfolio-client";

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The "Next" (or "Older") link of the NHS pagination on a page, or null on the last page. */
export function nextLink(html: string): string | null {
  for (const [tag] of html.matchAll(/<a\b[^>]*>/g)) {
    if (!/nhsuk-pagination__link--next/.test(tag)) continue;
    const href = /href="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) return decode(href);
  }
  return null;
}

/** A select on the page with an option shown as (or valued) `text`: the query parameter that chooses it. */
export function choiceFor(html: string, text: string): { name: string; value: string } | null {
  for (const [, attributes, options] of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = /name="([^"]*)"/.exec(attributes!)?.[1];
    if (!name) continue;
    for (const [, value, label] of options!.matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>([\s\S]*?)<\/option>/g)) {
      if (decode(label!).trim() === text || decode(value!) === text) return { name, value: decode(value!) };
    }
  }
  return null;
}

const pageOnly = (from: URL, to: URL) => {
  const a = new URLSearchParams(from.search);
  const b = new URLSearchParams(to.search);
  a.delete("page");
  b.delete("page");
  a.sort();
  b.sort();
  return from.pathname === to.pathname && a.toString() === b.toString() && to.searchParams.has("page");
};

async function html(client: PortfolioClient, path: string): Promise<string> {
  const response = await client.get(path);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  // React marks where one text node ends and the next begins ("Page <!-- -->2<!-- --> of ..."): read the text whole.
  return (await response.text()).replace(/<!-- -->/g, "");
}

/**
 * The page `depth` pages in, reached by following each page's "Next" link from `start` (stopping at the last page
 * or when `budgetMs` runs out). When the links only change a page number, the bench jumps straight there.
 */
export async function followPages(
  client: PortfolioClient,
  start: string,
  depth: number,
  budgetMs: number,
): Promise<{ path: string; page: number }> {
  const deadline = Date.now() + budgetMs;
  let path = start;
  let page = 1;
  let body = await html(client, path);
  while (page < depth && Date.now() < deadline) {
    const next = nextLink(body);
    if (!next) break;
    const base = new URL(path, "http://bench");
    const target = new URL(next, base);
    if (pageOnly(base, target)) {
      const pages = Number(/Page \d+ of ([\d,]+)/.exec(body)?.[1]?.replace(/,/g, "") ?? depth);
      const jump = Math.min(depth, pages);
      target.searchParams.set("page", String(jump));
      return { path: target.pathname + target.search, page: jump };
    }
    path = target.pathname + target.search;
    page += 1;
    body = await html(client, path);
  }
  return { path, page };
}
