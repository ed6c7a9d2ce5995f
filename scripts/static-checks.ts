/**
 * The static checks named on the command line (`npm run lint` names formatting, lint and layers), side by side: they
 * are independent, and two cores do them in about half the time. Each one's output is printed whole when it ends,
 * and any failure fails the lot. `npm test` runs them all beside the build and the tests (scripts/test.ts).
 */
import { STATIC_CHECKS, outcomeLine, runNpmScript } from "./lib/checks";

const CHECKS = process.argv.slice(2);
const unknown = CHECKS.filter((name) => !STATIC_CHECKS.includes(name));
if (!CHECKS.length || unknown.length)
  throw new Error(`Name the checks to run from ${STATIC_CHECKS.join(", ")}${unknown.length ? `, not ${unknown}` : ""}`);

const results = await Promise.all(
  CHECKS.map(async (script) => {
    const result = await runNpmScript(script);
    console.log(outcomeLine(result));
    if (!result.ok) console.log(result.output);
    return result;
  }),
);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
