/**
 * The checks `npm test` runs before the tests: formatting, lint, layers, types and the production build (or the
 * ones named on the command line, as `npm run lint` does). They are independent, so they run side by side (two cores
 * do them in about half the time); each one's output is printed whole when it ends, and any failure fails the lot.
 */
import { spawn } from "node:child_process";

const ALL_CHECKS = ["lint:format", "lint:code", "lint:layers", "typecheck", "build"];
const named = process.argv.slice(2);
const unknown = named.filter((name) => !ALL_CHECKS.includes(name));
if (unknown.length) throw new Error(`Unknown check ${unknown.join(", ")}: choose from ${ALL_CHECKS.join(", ")}`);
const CHECKS = named.length ? named : ALL_CHECKS;

function run(script: string): Promise<{ script: string; ok: boolean; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) =>
      resolve({ script, ok: code === 0, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const results = await Promise.all(
  CHECKS.map(async (script) => {
    const result = await run(script);
    console.log(`${result.ok ? "✓" : "✗"} ${script} (${result.seconds.toFixed(1)} s)`);
    if (!result.ok) console.log(result.output);
    return result;
  }),
);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
