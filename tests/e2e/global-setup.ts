/**
 * Before the browser suite starts: one data folder (migrated, demo PCN seeded), which each app the tests start
 * copies instead of running the set-up script again; the server's TypeScript compiled once into one file; and one
 * Chromium, which each test file connects to instead of starting its own. Each took seconds per test file.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { compileServer as compileServerTo } from "../../scripts/lib/compile-server";
import { testTempDir } from "../support/temp-dir";
import { CHROMIUM, E2E_ENV, OFFLINE_FLAGS, ROOT, TSX } from "./settings";

declare module "vitest" {
  export interface ProvidedContext {
    /** A data folder as `npm run setup` leaves it, to copy for each app started. */
    e2eTemplateDir: string;
    /** Where to connect to the suite's Chromium. */
    chromiumEndpoint: string;
    /** The server (server/index.ts and the app code it imports) as one JavaScript file that plain Node runs. */
    e2eServerEntry: string;
  }
}

/**
 * Compiles the server as `tsx server/index.ts` would, once: started through tsx, each server spent seconds of CPU
 * on tsx resolving and loading every module it imports. Packages stay outside the bundle, so the file sits under
 * node_modules to find them, and it takes server/index.ts's location as its own to find the built app beside it.
 */
async function compileServer(): Promise<{ entry: string; remove: () => void }> {
  const cache = path.join(ROOT, "node_modules/.cache");
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, "care-portfolio-e2e-server-"));
  const entry = path.join(dir, "index.mjs");
  await compileServerTo(entry, { asSource: true });
  return { entry, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export default async function prepareSuite(project: TestProject) {
  const dir = testTempDir("care-portfolio-e2e-template-");
  const env = { ...process.env, ...E2E_ENV, DATABASE_PATH: path.join(dir, "e2e.sqlite"), DATA_DIR: dir };
  // The three are independent and each waits on something of its own (a child process, esbuild, Chromium starting).
  const [setUp, compiled, launched] = await Promise.allSettled([
    promisify(execFile)(TSX, ["scripts/setup.ts"], { cwd: ROOT, env }),
    compileServer(),
    chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: OFFLINE_FLAGS }),
  ]);
  if (setUp.status === "rejected" || compiled.status === "rejected" || launched.status === "rejected") {
    // Nothing left running or behind when one of them failed.
    if (launched.status === "fulfilled") await launched.value.close();
    if (compiled.status === "fulfilled") compiled.value.remove();
    fs.rmSync(dir, { recursive: true, force: true });
    throw [setUp, compiled, launched].find((result) => result.status === "rejected")!.reason;
  }
  const [server, browser] = [compiled.value, launched.value];
  project.provide("e2eTemplateDir", dir);
  project.provide("e2eServerEntry", server.entry);
  project.provide("chromiumEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
    server.remove();
  };
}
