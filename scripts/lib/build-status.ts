/**
 * `npm test` makes the production build while the unit and integration tests already run (scripts/test.ts). The
 * tests of the built app (the browser suite, and the few integration tests that start the built server) wait for it
 * here: the runner names a file in TEST_BUILD_STATUS_FILE and writes "built" or "failed" to it when the build ends.
 * Without that variable (vitest run on its own, after `npm run build`) there is nothing to wait for.
 */
import fs from "node:fs";

export const BUILD_STATUS_VARIABLE = "TEST_BUILD_STATUS_FILE";

type BuildStatus = "built" | "failed";

export function recordBuildStatus(file: string, status: BuildStatus): void {
  // Written aside and renamed into place, so a reader never sees half a word.
  fs.writeFileSync(`${file}.partial`, status);
  fs.renameSync(`${file}.partial`, file);
}

function readBuildStatus(file: string): BuildStatus | null {
  try {
    return fs.readFileSync(file, "utf8") as BuildStatus;
  } catch {
    return null;
  }
}

export async function waitForBuild(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env[BUILD_STATUS_VARIABLE];
  if (!file) return;
  for (let status = readBuildStatus(file); status !== "built"; status = readBuildStatus(file)) {
    if (status === "failed")
      throw new Error("The production build failed (npm test prints its output at the end): the built app cannot run.");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
