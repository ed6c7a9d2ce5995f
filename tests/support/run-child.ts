import { spawn, type SpawnOptions } from "node:child_process";

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program to its end, as spawnSync does, without blocking: test files share a worker thread, and one blocked
 * for a slow child (tens of seconds on a busy machine) cannot answer the runner, which then fails the run.
 */
export function runChild(file: string, args: string[], options: SpawnOptions = {}): Promise<ChildResult> {
  const child = spawn(file, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
