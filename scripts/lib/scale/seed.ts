/**
 * Builds a data set of national size (issue 12): the schema through the app's own migrations, then every table
 * filled as people using the app would have filled it, at a scale where 1 is a national deployment.
 */
import fs from "node:fs";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { openSqlite } from "../../../db/connection";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { getContent } from "~/content/index.server";
import { hashPassword } from "~/lib/password.server";
import { rebuildRollups } from "~/models/rollups.server";
import { Clock } from "./clock";
import { writeCpd, writeMeetings, writeTraining } from "./compliance";
import { LoadContext } from "./context";
import { writeEvidence } from "./evidence";
import { writePeople } from "./people";
import { NATIONAL, planFor, type ScalePlan } from "./plan";
import { Progress } from "./progress";
import { Random } from "./random";
import { BENCH_PASSWORD, buildRoster } from "./roster";
import { createIndexes, dropIndexes, useAppSettings, useBulkLoadSettings } from "./bulk-load";
import { BulkWriter } from "./writer";

export interface ScaleOptions {
  scale: number;
  file: string;
  /** Replace the file when it exists (otherwise refuse). */
  force: boolean;
  seed: number;
  progress?: Progress;
}

export interface ScaleSummary {
  file: string;
  counts: Record<string, number>;
  seconds: number;
  bytes: number;
}

/** Removes the database and its companion files, which SQLite would otherwise reuse. */
function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal", STAGING_SUFFIX]) fs.rmSync(file + suffix, { force: true });
}

/** Audit rows wait in this file beside the database until they are copied in time order (see BulkWriter). */
const STAGING_SUFFIX = ".audit-staging";

export async function seedScale(options: ScaleOptions): Promise<ScaleSummary> {
  const plan = planFor(options.scale);
  const file = path.resolve(options.file);
  if (fs.existsSync(file)) {
    if (!options.force) throw new Error(`${file} already exists: choose another --db, or add --force to replace it`);
    removeDatabase(file);
  }
  const progress = options.progress ?? new Progress();
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let counts: Record<string, number>;
  try {
    progress.step("migrating");
    await migrateToLatest(db);
    useBulkLoadSettings(sqlite);
    const indexes = dropIndexes(sqlite);
    await load(sqlite, plan, options.seed, file, progress);
    progress.step("building indexes");
    createIndexes(sqlite, indexes);
    // The per-person and per-PCN rollups the dashboards read, kept by the app as records change.
    progress.step("rebuilding rollups");
    await rebuildRollups(db);
    progress.step("ANALYZE");
    // Statistics from a sample of each index are all the query planner needs, and far quicker at this size.
    sqlite.pragma("analysis_limit = 1000");
    sqlite.exec("ANALYZE");
    useAppSettings(sqlite);
    counts = await tableCounts(db);
  } catch (error) {
    await db.destroy();
    removeDatabase(file);
    throw error;
  }
  await db.destroy();
  return { file, counts, seconds: progress.elapsedSeconds(), bytes: fs.statSync(file).size };
}

async function load(sqlite: SQLite.Database, plan: ScalePlan, seed: number, file: string, progress: Progress) {
  progress.step("planning who works where");
  const content = getContent();
  const clock = new Clock();
  const random = new Random(seed);
  const roster = buildRoster(plan, content, clock, random);
  // Hashed once with the app's own function: every account signs in with the bench password.
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  progress.step("writing the records");
  expectTotals(progress, plan);
  const writer = new BulkWriter(sqlite, file + STAGING_SUFFIX, progress);
  const context = new LoadContext(clock, random, writer, content);
  writePeople(context, roster, passwordHash);
  for (const staff of roster.staff) {
    writeEvidence(context, staff);
    writeTraining(context, staff);
    writeCpd(context, staff);
    writeMeetings(context, staff);
  }
  writer.finishRecords();
  progress.report();
  progress.step("putting the audit trail in time order");
  writer.copyAuditInTimeOrder();
  progress.step("indexing the people each audit entry concerns");
  writer.writeAuditPeople();
  writer.close();
}

function expectTotals(progress: Progress, plan: ScalePlan): void {
  const about = (n: number) => Math.round(n * plan.scale);
  progress.expect("pcns", plan.pcns, true);
  progress.expect("users", plan.people, true);
  progress.expect("evidence_items", plan.evidenceItems, true);
  progress.expect("evidence_versions", about(NATIONAL.evidenceVersions), false);
  progress.expect("evidence_version_competencies", about(NATIONAL.evidenceCompetencies), false);
  progress.expect("cpd_entries", plan.cpdEntries, true);
  progress.expect("training_records", plan.trainingRecords, true);
  progress.expect("supervision_meetings", plan.supervisionMeetings, false);
  progress.expect("audit_log", about(NATIONAL.auditRows), false);
}

async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await db.introspection.getTables()) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(rows[0]!.n);
  }
  return counts;
}
