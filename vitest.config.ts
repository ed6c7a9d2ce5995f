import fs from "node:fs";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import tsconfigPaths from "vite-tsconfig-paths";

// The integration suite runs a second time against PostgreSQL when TEST_DATABASE_URL names a server (ADR 0013).
const postgresServer = process.env.TEST_DATABASE_URL;
// Printed by the main process only: workers load this file too.
if (!postgresServer && !process.env.VITEST_POOL_ID)
  console.log("TEST_DATABASE_URL is not set: the PostgreSQL integration run (integration-pg) is skipped.");

/**
 * The unit and integration files share worker threads instead of a new process each, which loaded the libraries
 * (Remix, React, Kysely, zod, pdfkit) again for every file. Each file still gets fresh app modules and leaves
 * process.env as it found it (tests/support/fresh-modules.ts).
 */
const sharedWorkers = { pool: "threads", isolate: false } as const;
const freshModules = "tests/support/fresh-modules.ts";

const integration = {
  ...sharedWorkers,
  include: ["tests/integration/**/*.test.ts"],
  environment: "node",
  globalSetup: ["tests/integration/global-setup.ts"],
  setupFiles: [freshModules, "tests/integration/setup.ts"],
  testTimeout: 20_000,
  // A file's beforeAll makes its people through the models, each a transaction that keeps the rollups: 20-120 ms of
  // CPU a person, but on PostgreSQL every statement waits for another process, and at load 15 on 2 cores one person
  // took 0.5 s. Vitest's default of 10 s failed files that were only slow; a hook that hangs still fails.
  hookTimeout: 60_000,
};

/** Longest first, as vitest orders files, but those that wait for the build (tests/support/build.ts) last. */
class BuiltAppLast extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const waits = (file: TestSpecification) => fs.readFileSync(file.moduleId, "utf8").includes("afterTheBuild()");
    return [...sorted.filter((file) => !waits(file)), ...sorted.filter(waits)];
  }
}

// Three suites: pure rules, server code against a real temporary database, and the built app in Chromium. `npm test`
// runs the browser suite in a vitest process of its own beside the other two (scripts/test.ts).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    sequence: { sequencer: BuiltAppLast },
    // Only the unit and integration projects use threads (sharedWorkers); the pool reads this setting here.
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: [freshModules],
          ...sharedWorkers,
        },
      },
      {
        extends: true,
        test: { name: "integration", ...integration },
      },
      ...(postgresServer ? [{ extends: true as const, test: { name: "integration-pg", ...integration } }] : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          setupFiles: ["tests/support/wait-for-build.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
