/**
 * npm run seed:scale -- --scale 1 [--db data/scale-1.sqlite] [--force] [--seed 2026]
 * DATABASE_URL=postgres://… npm run seed:scale -- (--scale 1 [--db …] | --from data/scale-1.sqlite) [--force]
 *
 * Builds a data set of national size (scale 1: 1,250 PCNs, 12,078 people, 600,000 evidence items...) for the
 * bench, through the app's own migrations, as a SQLite file. With DATABASE_URL set it then copies that data set
 * into the PostgreSQL database (--from copies one built before, without building). Progress goes to stderr, the
 * summary and the time of each step to stdout.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl } from "../db/connection";
import { copyIntoPostgres } from "./lib/scale/postgres";
import { Progress } from "./lib/scale/progress";
import { seedScale } from "./lib/scale/seed";

const USAGE = `Usage: npm run seed:scale -- --scale <0.001 to 10> [--db <file>] [--force] [--seed <n>]
       DATABASE_URL=postgres://… npm run seed:scale -- (--scale <n> [--db <file>] | --from <file>) [--force]`;

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      db: { type: "string" },
      from: { type: "string" },
      force: { type: "boolean", default: false },
      seed: { type: "string", default: "2026" },
    },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (values.from !== undefined) {
    if (!databaseUrl()) throw new Error(`--from copies a data set into PostgreSQL: set DATABASE_URL. ${USAGE}`);
    if (values.scale !== undefined || values.db !== undefined)
      throw new Error(`--from copies a data set already built: leave out --scale and --db. ${USAGE}`);
  } else if (values.scale === undefined || !Number.isFinite(scale)) {
    throw new Error(`Give the scale as a number. ${USAGE}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number. ${USAGE}`);
  return {
    scale,
    seed,
    force: values.force,
    from: values.from,
    file: values.db ?? `data/scale-${values.scale}.sqlite`,
  };
}

const number = (n: number) => n.toLocaleString("en-GB");

function printCounts(counts: Record<string, number>) {
  for (const [table, count] of Object.entries(counts))
    console.log(`  ${table.padEnd(30)} ${number(count).padStart(11)}`);
}

try {
  const chosen = options();
  const progress = new Progress();
  let file = chosen.from === undefined ? undefined : path.resolve(chosen.from);
  if (file === undefined) {
    const summary = await seedScale({ ...chosen, progress });
    file = summary.file;
    console.log(
      `Seeded ${summary.file} in ${number(Math.round(summary.seconds))} s (${number(Math.round(summary.bytes / 1e6))} MB):`,
    );
    printCounts(summary.counts);
  }
  const url = databaseUrl();
  if (url) {
    const counts = await copyIntoPostgres({ file, url, force: chosen.force, progress });
    console.log(`Copied ${file} into PostgreSQL in ${number(Math.round(progress.elapsedSeconds()))} s:`);
    printCounts(counts);
  }
  console.log(
    `Time per step (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(", ")}):`,
  );
  console.log(`  ${"".padEnd(50)} ${"wall".padStart(10)} ${"CPU".padStart(10)}`);
  for (const { step, seconds, cpuSeconds } of progress.stepSeconds())
    console.log(`  ${step.padEnd(50)} ${seconds.toFixed(1).padStart(8)} s ${cpuSeconds.toFixed(1).padStart(8)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
