/**
 * `npm test`: the static checks, the production build and every test, arranged so that both cores stay busy and the
 * longest chain, the build and then the browser tests that drive it, starts at once.
 *
 * Two vitest processes start straight away: the unit and integration tests in one, the browser suite in the other.
 * (In one process vitest runs the browser suite's single fork only after every other file, on 2 cores with one
 * worker at a time.) The tests of the built app wait for the build (scripts/lib/build-status.ts). The static checks
 * run beside them all at the lowest priority, since nothing waits for them. The unit and integration tests, done
 * minutes before the browser suite, run at a priority between: the browser suite and the build it waits for are the
 * longest chain, so they have the first call on the cores. Any failure fails the lot; a failed check's
 * output is printed whole at the end. Arguments go to vitest (`npm test -- tests/unit/csv.test.ts`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { BUILD_STATUS_VARIABLE, recordBuildStatus } from "./lib/build-status";
import { STATIC_CHECKS, type ScriptResult, niced, outcomeLine, runNpmScript } from "./lib/checks";

/** CI sums these results into its closing "N passed, N failed" line (.ci/run). */
const CI_RESULTS = "test-results/vitest.json";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-test-run-"));
const statusFile = path.join(scratch, "build-status");
const blobs = path.join(scratch, "blobs");
const filters = process.argv.slice(2);

function reported(result: ScriptResult): ScriptResult {
  console.log(outcomeLine(result));
  return result;
}

/** Runs vitest with its output passed on line by line, so the two processes' lines never cut into each other. */
function vitest(args: string[], niceness = 0): Promise<boolean> {
  const [file, ...rest] = niced(["npx", "vitest", ...args], niceness);
  const child = spawn(file!, rest, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, [BUILD_STATUS_VARIABLE]: statusFile, ...(process.stdout.isTTY && { FORCE_COLOR: "1" }) },
  });
  readline.createInterface({ input: child.stdout }).on("line", (line) => console.log(line));
  readline.createInterface({ input: child.stderr }).on("line", (line) => console.error(line));
  return new Promise((resolve) => child.on("close", (code) => resolve(code === 0)));
}

function runSuites(name: string, projects: string[], niceness = 0): Promise<boolean> {
  const reporters = [
    "--reporter=default",
    ...(process.env.CI ? ["--reporter=blob", `--outputFile.blob=${blobs}/${name}.json`] : []),
  ];
  const projectArgs = projects.flatMap((project) => ["--project", project]);
  return vitest(
    ["run", ...projectArgs, ...reporters, ...(filters.length ? ["--passWithNoTests", ...filters] : [])],
    niceness,
  );
}

const build = runNpmScript("build").then((result) => {
  recordBuildStatus(statusFile, result.ok ? "built" : "failed");
  return reported(result);
});
const checks = STATIC_CHECKS.map((script) => runNpmScript(script, 10).then(reported));
const suites = [runSuites("server", ["unit", "integration*"], 5), runSuites("browser", ["e2e"])];

const [results, passed] = await Promise.all([Promise.all([build, ...checks]), Promise.all(suites)]);
const merged =
  !process.env.CI || (await vitest(["--merge-reports", blobs, "--reporter=json", `--outputFile.json=${CI_RESULTS}`]));
fs.rmSync(scratch, { recursive: true, force: true });
for (const failed of results.filter((r) => !r.ok)) console.log(`\n${outcomeLine(failed)}\n${failed.output}`);
process.exitCode = passed.every(Boolean) && merged && results.every((r) => r.ok) ? 0 : 1;
