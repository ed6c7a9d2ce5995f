/**
 * Before the browser suite starts: one data folder (migrated, demo PCN seeded), which each app the tests start
 * copies instead of running the set-up script again, and one Chromium, which each test file connects to instead of
 * starting its own. Both took seconds per test file.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { testTempDir } from "../support/temp-dir";
import { CHROMIUM, E2E_ENV, OFFLINE_FLAGS, ROOT, TSX } from "./settings";

declare module "vitest" {
  export interface ProvidedContext {
    /** A data folder as `npm run setup` leaves it, to copy for each app started. */
    e2eTemplateDir: string;
    /** Where to connect to the suite's Chromium. */
    chromiumEndpoint: string;
  }
}

export default async function prepareSuite(project: TestProject) {
  const dir = testTempDir("care-portfolio-e2e-template-");
  const env = { ...process.env, ...E2E_ENV, DATABASE_PATH: path.join(dir, "e2e.sqlite"), DATA_DIR: dir };
  execFileSync(TSX, ["scripts/setup.ts"], { cwd: ROOT, env, stdio: "pipe" });
  project.provide("e2eTemplateDir", dir);
  const browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: OFFLINE_FLAGS });
  project.provide("chromiumEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
