/**
 * WCAG 1.4.10 reflow: at 320 CSS pixels wide no page scrolls sideways. For each demo role the test walks every page
 * it can reach by following links from home (two clicks deep, every menu item and the key record pages), and
 * checks the document is no wider than the screen. Wide tables scroll inside their own region instead.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, startAppAndBrowser } from "./browser";

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

async function narrowPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 640 } });
  return context.newPage();
}

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

async function overflowOf(page: Page) {
  return page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

describe.each(Object.entries(ROLES))("at 320px wide, as the %s", (_, email) => {
  it("no page scrolls sideways", async () => {
    const page = await narrowPage(ctx.browser);
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
        // One page of each kind of record is enough: /people/12/training and /people/13/training look alike.
        const kind = new URL(url).pathname
          .replace(/\/\d+/g, "/:id")
          .replace(/\/competencies\/[^/]+/, "/competencies/:id");
        if (kinds.has(kind) && kind.includes(":id")) continue;
        seen.add(url);
        kinds.add(kind);
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        const { document: docWidth, viewport } = await overflowOf(page);
        if (docWidth > viewport) tooWide.push(`${new URL(url).pathname} is ${docWidth}px wide`);
        for (const href of await page
          .locator("a[href]")
          .evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
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
    await page.context().close();
  });
});
