/**
 * Starts the built app on a free loopback port with its own seeded database, and Debian's Chromium to drive it.
 * Nothing is downloaded: playwright-core only talks to the browser the machine already has.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Cookie, type Download, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { freePort } from "../../scripts/lib/live-server";
import { DEMO_PASSWORD } from "../../scripts/lib/portfolio-client";
import { testTempDir } from "../support/temp-dir";
import { E2E_ENV, ROOT, TSX } from "./settings";

export interface App {
  baseUrl: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Everything the server has written to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * A copy of the suite's set-up data folder (global-setup.ts), or, for an app given content of its own, a folder set
 * up by `npm run setup` as a deployment would.
 */
function prepareDataDir(dataDir: string, env: NodeJS.ProcessEnv, extraEnv: Record<string, string>) {
  if ("CONTENT_DIR" in extraEnv) execFileSync(TSX, ["scripts/setup.ts"], { cwd: ROOT, env, stdio: "pipe" });
  else fs.cpSync(inject("e2eTemplateDir"), dataDir, { recursive: true });
}

/**
 * The app's production server (compiled once for the suite: global-setup.ts) with a data folder of its own; or,
 * given `project`, the build/server.mjs that `npm run build` left in that folder, run from it.
 */
export async function startApp(extraEnv: Record<string, string> = {}, project?: string): Promise<App> {
  const dataDir = testTempDir("care-portfolio-e2e-");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_ENV,
    DATABASE_PATH: path.join(dataDir, "e2e.sqlite"),
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    ...extraEnv,
  };
  prepareDataDir(dataDir, env, extraEnv);
  const entry = project ? path.join(project, "build/server.mjs") : inject("e2eServerEntry");
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: project ?? ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Woken by the server's "serving on" line (or its exit) rather than by polling: a start is then seen at once.
  let wake = () => {};
  const onOutput = (d: Buffer) => {
    output += d;
    wake();
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  child.once("exit", () => wake());
  const baseUrl = `http://127.0.0.1:${port}`;
  // Generous, for a loaded machine: a server that fails to start exits, which ends the wait at once.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (output.includes(" is serving on ")) {
      const res = await fetch(baseUrl + "/sign-in").catch(() => null);
      if (res?.ok) break;
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGTERM"); // not left running (with its workers) once the file has failed
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 200);
    });
  }
  return {
    baseUrl,
    dataDir,
    env,
    output: () => output,
    stop: async () => {
      forgetSessions(baseUrl);
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The suite's one Chromium (global-setup.ts); each page the tests open has a new empty context of its own. */
export async function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject("chromiumEndpoint"));
}

/** What a download brought, read through the connection: the shared browser keeps its files on its own side. */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A page in its own context (own cookies), as axe needs. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  return context.newPage();
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(baseUrl + "/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Sessions signed in through the form, by app and person: see signInOnce. */
const sessions = new Map<string, Cookie[]>();

/** An app that stops takes its sessions with it (a later app may be given the same port). */
function forgetSessions(baseUrl: string) {
  for (const key of sessions.keys()) if (key.startsWith(`${baseUrl} `)) sessions.delete(key);
}

/**
 * Signs in as `email` for a test about something else: the first time for each app by posting the sign-in form's
 * fields straight to the server (the form itself is tested elsewhere; drawing it costs a page load), then by giving
 * the page that session's cookie, which saves a password check each time. Ends on the home page with its scripts
 * running, as signing in does. Not for one with two-step sign-in, nor a person whose session ends before they are
 * signed in this way again.
 */
export async function signInOnce(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  const key = `${baseUrl} ${email}`;
  const cookies = sessions.get(key);
  if (cookies) await page.context().addCookies(cookies);
  else {
    // The request shares the page's cookies, so the session cookie it is given is the page's too.
    const answer = await page.request.post(baseUrl + "/sign-in", {
      form: { email, password, redirectTo: "/" },
      headers: { Origin: baseUrl },
      maxRedirects: 0,
    });
    if (answer.status() !== 302 || answer.headers().location !== "/")
      throw new Error(`signing in as ${email} did not go home: ${answer.status()} ${answer.headers().location}`);
    sessions.set(key, await page.context().cookies(baseUrl));
  }
  await page.goto(baseUrl + "/");
  await untilHydrated(page);
}

/** Until the page's scripts have run and React has taken over (Remix's router is there): nothing left to load. */
export async function untilHydrated(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
}

/*
 * The pages scanned with axe, each once across the suite (a later state of a page already scanned, or the same page
 * for another person, is not scanned again). By file; remove a line here when removing its scan.
 * - reflow: none (it checks width only).
 * - readiness: lead's dashboard; a new starter's own training page, not ready; a training record after verifying;
 *   bulk verification refusing an empty choice; a member of staff's home with expired training; the supervision
 *   record; the CPD log refusing an entry; the administrator's dashboard for an ICS.
 * - evidence: the add-evidence form filled in; evidence just submitted; the review list; the person's home after a
 *   sign-off; a competency page after a sign-off is withdrawn.
 * - development: self-assessment awaiting confirmation, with its chart's table; the add-goal form refusing empty
 *   fields; a supervisor's view of a rating after confirming it; a goal achieved; the appraisal screen (new).
 * - two-factor: setting up two-step sign-in (QR code); the security code page refusing a used code; an administrator
 *   asked to confirm a reset; the sign-in page asking for password and code together.
 * - single-sign-on: sign-in with provider buttons; My account with a linked identity; signed out, offering the
 *   provider's sign-out; an administrator's page of a person's NHS identities; a one-time link page; an identity
 *   linked to nobody.
 * - navigation: home of a lead not yet placed in a PCN.
 * - pages: the CPD log refusing an impossible date; the accessibility statement.
 */
/**
 * Fails the test with a readable list when axe finds WCAG 2.2 A/AA violations on the page as it is now. The app has
 * no frames, so axe runs in the page itself ("legacy" mode): the default opens a blank page per scan to merge the
 * results of each frame, which made a scan take two to three times as long. Only violations are wanted, so axe
 * describes one node for each rule that passed rather than every node (a CSS selector for each cell of a long table).
 */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    // First: options() replaces what withTags sets.
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode()
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

/** Starts the app and a browser for the test file, and stops both after it. */
export function startAppAndBrowser(extraEnv: Record<string, string> = {}) {
  const ctx = {} as { app: App; browser: Browser };
  beforeAll(async () => {
    ctx.app = await startApp(extraEnv);
    ctx.browser = await connectBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
  });
  return ctx;
}

/** Types a "YYYY-MM-DD" date into the NHS date input whose legend is `legend`, box by box as a person would. */
export async function fillDate(page: Page, legend: string, iso: string) {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year!);
}

/** Fills in the add-evidence form (already open) with a short reflective account and saves it as a draft. */
export async function saveEvidenceDraft(page: Page, title: string, competencyId: string) {
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date of the activity", "2026-11-02");
  await page.getByLabel("Type of evidence").selectOption({ label: "Reflective account" });
  await page.getByLabel("What happened").fill("I helped a person plan their return home.");
  await page.getByLabel("What I learned").fill("Ask what matters first.");
  await page.getByLabel("What I will do differently").fill("Start with goals.");
  await page.locator(`input[name=competencyIds][value="${competencyId}"]`).check();
  await page.getByRole("button", { name: "Save draft" }).click();
}

/** A date `days` from today in England, as "YYYY-MM-DD". */
export function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
