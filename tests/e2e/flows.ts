/**
 * Shortcuts for browser tests about something other than signing in. Signing in through the page is tested on its
 * own (accounts, two-factor, require-totp, navigation); elsewhere it cost two page loads in Chromium per person.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { DEMO_PASSWORD, PortfolioClient } from "../../scripts/lib/portfolio-client";
import { type App, untilHydrated } from "./browser";
import { appDatabase } from "./http";

/** The id of the person with this (lower-case) email address, read from the app's database. */
export function personId(app: App, email: string): number {
  const db = appDatabase(app);
  try {
    return (db.prepare("select id from users where email_key = ?").get(email) as { id: number }).id;
  } finally {
    db.close();
  }
}

/**
 * A new page, in a context of its own, signed in as `email` and open at `path` (null: nothing opened yet). The
 * session comes from posting the sign-in form over HTTP as a browser without JavaScript would; the page is then given
 * its cookie, so neither the sign-in page nor the home page it leads to is loaded in Chromium unless asked for. With
 * JavaScript on, it returns once the page's scripts have taken over, as a person's first click would find it: a key
 * pressed sooner follows the link without the app's focus handling.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  path: string | null = "/",
  options: BrowserContextOptions & { password?: string } = {},
): Promise<Page> {
  const { password = DEMO_PASSWORD, ...contextOptions } = options;
  const client = new PortfolioClient(baseUrl, email, password);
  await client.signIn();
  const context = await browser.newContext({ acceptDownloads: true, ...contextOptions });
  await context.addCookies(
    client
      .cookieHeader()
      .split("; ")
      .map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
  );
  const page = await context.newPage();
  if (path === null) return page;
  await page.goto(baseUrl + path);
  if (contextOptions.javaScriptEnabled !== false) await untilHydrated(page);
  return page;
}
