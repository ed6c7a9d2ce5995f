/**
 * Sets up one data folder (migrated, demo PCN seeded) before the browser suite starts; each app the tests start
 * copies it instead of running the set-up script again, which took seconds per start.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { testTempDir } from "../support/temp-dir";
import { E2E_ENV, ROOT, TSX } from "./app-env";

declare module "vitest" {
  export interface ProvidedContext {
    /** A data folder as `npm run setup` leaves it, to copy for each app started. */
    e2eTemplateDir: string;
  }
}

export default function prepareTemplate(project: TestProject) {
  const dir = testTempDir("care-portfolio-e2e-template-");
  const env = { ...process.env, ...E2E_ENV, DATABASE_PATH: path.join(dir, "e2e.sqlite"), DATA_DIR: dir };
  execFileSync(TSX, ["scripts/setup.ts"], { cwd: ROOT, env, stdio: "pipe" });
  project.provide("e2eTemplateDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
