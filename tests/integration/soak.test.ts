/**
 * The crash-safety property, kept: `scripts/soak.ts` SIGKILLs the built production server at random moments while
 * staff submit evidence with uploads and CPD and a supervisor signs off, and fails if any acknowledged write or
 * file is missing after a kill. Three rounds here; `npm run soak -- --rounds 50` for more. Needs `npm run build`.
 */
import path from "node:path";
import { expect } from "vitest";
import { itOnSqliteFile } from "./database-kind";
import { afterTheBuild } from "../support/build";
import { runChild } from "../support/run-child";

afterTheBuild();

const ROOT = path.resolve(import.meta.dirname, "../..");

itOnSqliteFile(
  "keeps every acknowledged write and file through three SIGKILLs",
  async () => {
    const run = await runChild(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/soak.ts", "--rounds", "3"], {
      cwd: ROOT,
      timeout: 150_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      /Round 3\/3: killed; \d+ evidence uploads, \d+ CPD entries, \d+ sign-offs acknowledged so far; all present\./,
    );
    expect(run.status).toBe(0);
  },
  160_000,
);
