/**
 * Server CPU per request of the light pages: starts the production build on a data set of the scale seed, signs
 * in as its bench accounts, and for each page reads the server process's own CPU time (/proc/<pid>/stat) around
 * a run of sequential requests. CPU time, unlike wall time, hardly moves with the machine's load, so two versions
 * can be compared on a busy machine. Prints CPU ms per request, p50/p95/p99 wall ms and the load average.
 *
 *   npm run bench:cpu -- --db data/scale-0.1.sqlite [--requests 200] [--only coordinator-home,people]
 *                                  [--cpu-prof <dir>]
 *
 * The server signs the bench accounts in, so it writes sessions into the data set: point it at a copy.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { percentiles } from "./lib/bench/measure";
import { freePort } from "./lib/live-server";
import { PortfolioClient } from "./lib/portfolio-client";
import { BENCH_EMAILS, BENCH_PASSWORD } from "./lib/scale/roster";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    requests: { type: "string", default: "200" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
  },
});
if (!args.db) throw new Error("--db <sqlite file> is required");
const dbFile = path.resolve(args.db);
const requests = Number(args.requests);

type Role = keyof typeof BENCH_EMAILS;
const raw = new Database(dbFile, { readonly: true });
const idOf = (role: Role) =>
  Number((raw.prepare("SELECT id FROM users WHERE email_key = ?").get(BENCH_EMAILS[role]) as { id: number }).id);
const coordinatorId = idOf("coordinator");
const competency = raw
  .prepare(
    `SELECT c.competency_id AS id, count(*) AS n FROM evidence_items e
     JOIN evidence_versions v ON v.evidence_id = e.id AND v.version = e.current_version
     JOIN evidence_version_competencies c ON c.version_id = v.id
     WHERE e.owner_id = ? GROUP BY c.competency_id ORDER BY n DESC LIMIT 1`,
  )
  .get(coordinatorId) as { id: string };
raw.close();

const PAGES: { name: string; as: Role; path: string }[] = [
  { name: "coordinator-home", as: "coordinator", path: "/" },
  { name: "evidence-list", as: "coordinator", path: `/people/${coordinatorId}/evidence` },
  { name: "competency", as: "coordinator", path: `/people/${coordinatorId}/competencies/${competency.id}` },
  { name: "review-queue", as: "supervisor", path: "/review" },
  { name: "supervisor-home", as: "supervisor", path: "/" },
  { name: "lead-dashboard", as: "lead", path: "/dashboard" },
  { name: "people", as: "admin", path: "/people" },
  { name: "audit-first", as: "admin", path: "/audit" },
  { name: "audit-filtered", as: "admin", path: "/audit?entity=training" },
];
const only = args.only?.split(",");
const pages = only ? PAGES.filter((p) => only.includes(p.name)) : PAGES;

const port = await freePort();
const nodeArgs = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args["cpu-prof"])}`] : [];
const server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/index.ts"], {
  cwd: ROOT,
  env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_PATH: dbFile },
  stdio: ["ignore", "inherit", "inherit"],
});
const baseUrl = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${baseUrl}/sign-in`)).ok) break;
  } catch {
    if (tries > 300) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server process's user + system CPU time so far, in milliseconds. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const clients = new Map<Role, PortfolioClient>();
for (const role of new Set(pages.map((p) => p.as))) {
  const client = new PortfolioClient(baseUrl, BENCH_EMAILS[role], BENCH_PASSWORD);
  await client.signIn();
  clients.set(role, client);
}

/** The machine's load averages: beside CPU figures taken on a busy machine, so a reader can judge them. */
const printLoad = () =>
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
printLoad();
console.log("page               CPU ms/req  p50 ms  p95 ms  p99 ms  KB");
for (const page of pages) {
  const client = clients.get(page.as)!;
  let size = 0;
  for (let i = 0; i < 20; i++) {
    const response = await client.get(page.path);
    if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
    size = (await response.arrayBuffer()).byteLength;
  }
  const times: number[] = [];
  const before = cpuMs(server.pid!);
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await (await client.get(page.path)).arrayBuffer();
    times.push(performance.now() - started);
  }
  const cpu = (cpuMs(server.pid!) - before) / requests;
  const { p50, p95, p99 } = percentiles(times);
  console.log(
    [
      page.name.padEnd(18),
      cpu.toFixed(2).padStart(10),
      p50.toFixed(1).padStart(7),
      p95.toFixed(1).padStart(7),
      p99.toFixed(1).padStart(7),
      (size / 1024).toFixed(0).padStart(4),
    ].join(" "),
  );
}
printLoad();
server.kill("SIGINT");
await new Promise((r) => server.once("exit", r));
