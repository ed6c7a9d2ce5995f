/**
 * npm run seed:scale -- --scale 1 [--db data/scale-1.sqlite] [--force] [--seed 2026]
 *
 * Builds a data set of national size (scale 1: 1,250 PCNs, 12,078 people, 600,000 evidence items...) for the
 * bench, through the app's own migrations. Progress goes to stderr, the summary to stdout.
 */
import { parseArgs } from "node:util";
import { databaseUrl } from "../db/connection";
import { seedScale } from "./lib/scale/seed";

const USAGE = "Usage: npm run seed:scale -- --scale <0.001 to 10> [--db <file>] [--force] [--seed <n>]";

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      db: { type: "string" },
      force: { type: "boolean", default: false },
      seed: { type: "string", default: "2026" },
    },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (values.scale === undefined || !Number.isFinite(scale)) throw new Error(`Give the scale as a number. ${USAGE}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number. ${USAGE}`);
  return { scale, seed, force: values.force, file: values.db ?? `data/scale-${values.scale}.sqlite` };
}

const number = (n: number) => n.toLocaleString("en-GB");

try {
  if (databaseUrl()) console.error("seed:scale builds a SQLite file; DATABASE_URL is not used.");
  const summary = await seedScale(options());
  console.log(
    `Seeded ${summary.file} in ${number(Math.round(summary.seconds))} s (${number(Math.round(summary.bytes / 1e6))} MB):`,
  );
  for (const [table, count] of Object.entries(summary.counts))
    console.log(`  ${table.padEnd(30)} ${number(count).padStart(11)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
