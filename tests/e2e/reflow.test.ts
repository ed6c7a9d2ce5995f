/**
 * WCAG 1.4.10 reflow: at 320 CSS pixels wide no page scrolls sideways. For each demo role the test walks every page
 * it can reach by following links from home (up to four clicks deep, every menu item and the key record pages), and
 * each answers without an error; Chromium then draws each view of a page at that width and checks the document is no
 * wider than the screen. Wide tables scroll inside their own region instead.
 *
 * The walk reads the links from the server's HTML, which has them all. Drawing a page in Chromium costs far more, so
 * each view of a page is drawn once for the file, by the first role to reach it: a view is the page's route with the
 * sections, form fields and buttons it shows, which is what differs between roles and between a record's owner and
 * others.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startAppAndBrowser } from "./browser";

const PASSWORD = "care-portfolio-demo";
const ROLES = {
  admin: "admin@care-portfolio.example",
  lead: "lead@riverside-pcn.example",
  supervisor: "supervisor@riverside-pcn.example",
  coordinator: "coordinator@riverside-pcn.example",
} as const;
const WIDTH = 320;
const MAX_PAGES = 45;

const ctx = startAppAndBrowser();
/** One page at 320px for the whole file: each role signs in on it in turn. */
let page: Page;
beforeAll(async () => {
  page = await newPage(ctx.browser);
  await page.setViewportSize({ width: WIDTH, height: 640 });
});
afterAll(() => page?.context().close());

/** By kind of page, the views of it (what it shows: see partsOf) already drawn at 320px by some role. */
const drawn = new Map<string, Set<string>>();

/** Same-site pages worth visiting: not downloads, not sign-out, one of each kind of record. */
function worthVisiting(href: string, base: string): string | null {
  const url = new URL(href, base);
  if (
    url.origin !== base ||
    /\.(pdf|csv|tar)$/.test(url.pathname) ||
    url.pathname.startsWith("/attachments/") ||
    url.pathname === "/sign-out"
  )
    return null;
  url.hash = "";
  // Sort links and later pages of a list are variations of the same page.
  url.search = "";
  return url.href;
}

/** The page's route with record ids taken out: /people/12/training and /people/13/training are one kind. */
function kindOf(url: string): string {
  return new URL(url).pathname.replace(/\/\d+/g, "/:id").replace(/\/competencies\/[^/]+/, "/competencies/:id");
}

/** Every link's target in server-rendered HTML (React writes each attribute in double quotes, & as &amp;). */
function linksIn(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
}

/**
 * What sets a page's width beyond its route: the sections, form fields and buttons it shows, which differ by who is
 * looking (each role has its own home panels and actions; the owner of a record sees forms that others do not).
 */
function partsOf(html: string): string {
  const parts = [
    ...html.matchAll(/<(?:input|select|textarea)\s[^>]*?name="([^"]*)"|<(button|h2)\b[^>]*>([\s\S]*?)<\/\2>/g),
  ];
  return [...new Set(parts.map((match) => match[1] ?? match[3]!.replace(/<[^>]*>/g, "").trim()))].sort().join("|");
}

/** Whether the page is wider than the screen at 320px, as Chromium has drawn it. */
async function overflow(url: string): Promise<string | null> {
  const { docWidth, viewport } = await page.evaluate(() => ({
    docWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  return docWidth > viewport ? `${new URL(url).pathname} is ${docWidth}px wide` : null;
}

/**
 * Reads the page and, if no role has drawn this view of it yet, draws it: the first page of a kind straight away, a
 * later one only once its HTML shows something the drawn ones did not. Gives the HTML and how it overflows.
 */
async function visit(url: string, kind: string): Promise<{ html: string; tooWide: string | null }> {
  const views = drawn.get(kind);
  const response = views ? await page.request.get(url) : await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  const html = (await response?.text()) ?? "";
  const view = partsOf(html);
  if (views?.has(view)) return { html, tooWide: null };
  drawn.set(kind, (views ?? new Set()).add(view));
  if (views) await page.goto(url);
  return { html, tooWide: await overflow(url) };
}

describe.each(Object.entries(ROLES))("at 320px wide, as the %s", (_, email) => {
  it("no page scrolls sideways", async () => {
    await page.context().clearCookies();
    await signIn(page, ctx.app.baseUrl, email, PASSWORD);
    const base = ctx.app.baseUrl;
    const seen = new Set<string>();
    const kinds = new Set<string>();
    let queue = [`${base}/`];
    const tooWide: string[] = [];
    for (let depth = 0; depth < 4 && queue.length; depth++) {
      const next: string[] = [];
      for (const url of queue) {
        if (seen.has(url) || seen.size >= MAX_PAGES) continue;
        // One page of each kind of record is enough.
        const kind = kindOf(url);
        if (kinds.has(kind) && kind.includes(":id")) continue;
        seen.add(url);
        kinds.add(kind);
        const { html, tooWide: overflowing } = await visit(url, kind);
        if (overflowing) tooWide.push(overflowing);
        for (const href of linksIn(html)) {
          const target = worthVisiting(href, base);
          if (target) next.push(target);
        }
      }
      queue = next;
    }
    if (process.env.REFLOW_DEBUG) console.log([...seen].map((u) => new URL(u).pathname).join("\n"));
    expect(tooWide).toEqual([]);
    // The walk really reached the menu and records, not just home.
    expect(seen.size).toBeGreaterThan(email.startsWith("coordinator") ? 6 : 8);
  });
});
