/**
 * The password checker's word lists (about 34 MB of a server process) are loaded by the first check, not when the
 * app is loaded (ADR 0023). Run in a process of its own: test files share worker threads, and another file may
 * have loaded them already.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const SCRIPT = `
import { createRequire } from "node:module";
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => /@zxcvbn-ts[\\\\/]language-/.test(f)).length > 0;
const { estimateStrength } = await import("~/lib/password-strength.server");
const atImport = loaded();
const weak = estimateStrength("password1234", []);
const strong = estimateStrength("orange lantern quietly hums", []);
console.log(JSON.stringify({ atImport, afterCheck: loaded(), weak: weak.score, strong: strong.score }));
`;

describe("the password checker's word lists", () => {
  it("are not loaded with the module, only by the first check, which then knows common passwords", () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
      encoding: "utf8",
    });
    const result = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(result).toMatchObject({ atImport: false, afterCheck: true });
    expect(result.weak).toBeLessThan(3);
    expect(result.strong).toBeGreaterThanOrEqual(3);
    // A process of its own, started through tsx, takes seconds on a busy machine.
  }, 60_000);
});
