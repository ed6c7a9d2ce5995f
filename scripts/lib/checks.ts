import { spawn } from "node:child_process";

/** The checks that read the code without running it: formatting, lint, the layers (ADR 0011) and the types. */
export const STATIC_CHECKS = ["lint:format", "lint:code", "lint:layers", "typecheck"];

export interface ScriptResult {
  script: string;
  ok: boolean;
  /** Its stdout and stderr together, in the order written. */
  output: string;
  seconds: number;
}

/** A command run through Unix `nice` when `niceness` is positive, so more urgent work on the machine goes first. */
export function niced(command: readonly string[], niceness: number): string[] {
  return niceness ? ["nice", "-n", String(niceness), ...command] : [...command];
}

/**
 * Runs one of package.json's scripts quietly, keeping its output to print only if it fails. A positive `niceness`
 * (Unix `nice`) lets more urgent work on the machine go first.
 */
export function runNpmScript(script: string, niceness = 0): Promise<ScriptResult> {
  const started = performance.now();
  const command = ["npm", "run", "--silent", script];
  return new Promise((resolve) => {
    const [file, ...args] = niced(command, niceness);
    const child = spawn(file!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) =>
      resolve({ script, ok: code === 0, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** One line saying how a script went: "✓ lint:code (31.2 s)". */
export const outcomeLine = (result: ScriptResult) =>
  `${result.ok ? "✓" : "✗"} ${result.script} (${result.seconds.toFixed(1)} s)`;
