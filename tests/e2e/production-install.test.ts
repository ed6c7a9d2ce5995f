/**
 * A deployment that installs only the production dependencies (`npm ci --omit=dev`) has no tsx: the built server
 * and its PDF worker processes must run as plain JavaScript (ADR 0023). The app is copied with what the server reads
 * at run time, and node_modules holds only the packages package-lock.json does not mark as development ones.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PortfolioClient } from "../../scripts/lib/portfolio-client";
import { startApp, type App } from "./browser";
import { ROOT } from "./settings";

/** What the built server reads from its working directory as it runs: the build, content, fonts, static files. */
const RUN_TIME = ["build", "content", "app/pdf/fonts", "public", "package.json", "package-lock.json"];

/** Hard links where the folder is on the project's file system (no copying 200 MB), a copy where it is not. */
function copyTree(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    execFileSync("cp", ["-al", from, to], { stdio: "pipe" });
  } catch {
    execFileSync("cp", ["-a", from, to]);
  }
}

function productionInstall(): string {
  // Not under the project, where Node would find the project's own node_modules (with tsx in it) by walking up.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-production-"));
  for (const item of RUN_TIME) fs.cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: nested ones come inside their parent's folder.
    if (!where.startsWith("node_modules/") || where.indexOf("node_modules/", 1) >= 0 || entry.dev) continue;
    copyTree(path.join(ROOT, where), path.join(dir, where));
  }
  return dir;
}

/** The command lines of running processes started from this folder's compiled PDF worker. */
function pdfWorkerCommandLines(dir: string): string[] {
  const worker = path.join(dir, "build/pdf-worker.mjs");
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      } catch {
        return ""; // ended while we looked
      }
    })
    .filter((commandLine) => commandLine.includes(worker));
}

describe("the built app installed with production dependencies only", () => {
  let dir: string;
  let app: App;
  beforeAll(async () => {
    dir = productionInstall();
    app = await startApp({}, dir);
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has no tsx to load", () => {
    expect(() => createRequire(path.join(dir, "package.json")).resolve("tsx")).toThrow(/Cannot find module/);
  });

  it("makes a portfolio PDF in a worker process that runs the compiled worker with plain node", async () => {
    const client = new PortfolioClient(app.baseUrl, "coordinator@riverside-pcn.example");
    await client.signIn();
    const response = await client.get(`/people/${await client.personId()}/export.pdf`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const workers = pdfWorkerCommandLines(dir);
    expect(workers).toHaveLength(1);
    expect(workers[0]).not.toMatch(/tsx/);
  }, 120_000);
});
