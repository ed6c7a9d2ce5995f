/**
 * Writes the national data set into SQLite with prepared better-sqlite3 statements, in large transactions.
 *
 * Why not Kysely here, as the app does: at scale 1 this is about eleven million rows, and building and compiling a
 * Kysely query per batch costs several times the insert itself. Rows are gathered per table and written a hundred
 * to a statement, through one cached statement per table. Only this bulk load does it: the schema comes from the
 * app's own migrations, and every row has the shape the models write (checked by the Database types below).
 *
 * Audit rows go first to a staging file beside the database; `copyAuditInTimeOrder` copies them into audit_log in
 * time order, so audit ids rise with time as they do in a real deployment.
 */
import fs from "node:fs";
import type SQLite from "better-sqlite3";
import type { Selectable } from "kysely";
import type { AuditLogTable, Database } from "../../../db/schema";
import type { Progress } from "./progress";

export type Row<T extends keyof Database> = Selectable<Database[T]>;
/** An audit row with when it happened (to put the trail in time order) and whose record it is about. */
export type AuditRow = Omit<Selectable<AuditLogTable>, "id" | "redacted_at"> & {
  ms: number;
  subject_id: number | null;
};

/** Rows per transaction: big enough that commits cost nothing, small enough to keep the rollback journal small. */
const ROWS_PER_TRANSACTION = 200_000;
/**
 * Rows per INSERT statement: running one statement for 100 rows costs little more than running it for one, so the
 * per-statement cost (binding, stepping, resetting) is paid a hundredth as often. The widest table (users, 19
 * columns) stays far below SQLite's limit of 32,766 values a statement.
 */
const ROWS_PER_STATEMENT = 100;

/** Rows waiting for one table's next multi-row insert, as one flat list of values in `columns` order. */
interface Batch {
  columns: readonly string[];
  values: unknown[];
  rows: number;
  /** The cached statement for a full batch. */
  full: SQLite.Statement | undefined;
}

export class BulkWriter {
  private readonly batches = new Map<string, Batch>();
  private pending = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly stagingFile: string,
    private readonly progress: Progress,
  ) {
    fs.rmSync(stagingFile, { force: true });
    sqlite.prepare("ATTACH DATABASE ? AS staging").run(stagingFile);
    sqlite.exec(`PRAGMA staging.journal_mode = OFF; PRAGMA staging.synchronous = OFF;
      CREATE TABLE staging.audit (ms INTEGER NOT NULL, subject_id INTEGER, at TEXT NOT NULL, actor_id INTEGER,
        pcn_id INTEGER, entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, before_json TEXT,
        after_json TEXT, ip TEXT)`);
    sqlite.exec("BEGIN");
  }

  insert<T extends keyof Database>(table: T, row: Row<T>): void {
    this.add(`main.${table}`, row);
    this.progress.count(table);
  }

  audit(row: AuditRow): void {
    this.add("staging.audit", row);
    this.progress.count("audit_log");
  }

  /** Every row of a table has all its columns (Row<T>), so the first row's keys name the columns of all of them. */
  private add(target: string, row: object): void {
    let batch = this.batches.get(target);
    if (!batch) {
      batch = { columns: Object.keys(row), values: [], rows: 0, full: undefined };
      this.batches.set(target, batch);
    }
    const values = row as Record<string, unknown>;
    for (const column of batch.columns) batch.values.push(values[column]);
    batch.rows += 1;
    if (batch.rows === ROWS_PER_STATEMENT) this.flush(target, batch);
  }

  private flush(target: string, batch: Batch): void {
    if (batch.rows === 0) return;
    const statement =
      batch.rows === ROWS_PER_STATEMENT
        ? (batch.full ??= this.insertStatement(target, batch.columns, batch.rows))
        : this.insertStatement(target, batch.columns, batch.rows);
    statement.run(batch.values);
    this.pending += batch.rows;
    batch.values = [];
    batch.rows = 0;
    if (this.pending >= ROWS_PER_TRANSACTION) {
      this.sqlite.exec("COMMIT; BEGIN");
      this.pending = 0;
    }
  }

  private insertStatement(target: string, columns: readonly string[], rows: number): SQLite.Statement {
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    return this.sqlite.prepare(
      `INSERT INTO ${target} (${columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`,
    );
  }

  /** Writes the rows still waiting and commits. */
  finishRecords(): void {
    for (const [target, batch] of this.batches) this.flush(target, batch);
    this.sqlite.exec("COMMIT");
  }

  /**
   * Copies the staged audit rows into audit_log oldest first. The table is empty until now (nothing can delete an
   * audit row), so the ids it gives are 1, 2, 3... in this order: `writeAuditPeople` relies on it.
   */
  copyAuditInTimeOrder(): void {
    const { n } = this.sqlite.prepare("SELECT count(*) AS n FROM main.audit_log").get() as { n: number };
    if (n !== 0) throw new Error("The scale seed copies the audit trail into an empty audit_log only");
    this.sqlite.exec(`INSERT INTO main.audit_log (at, actor_id, pcn_id, entity, entity_id, action, before_json,
        after_json, ip)
      SELECT at, actor_id, pcn_id, entity, entity_id, action, before_json, after_json, ip
      FROM staging.audit ORDER BY ms, rowid`);
  }

  /**
   * audit_people (who acted, and whose record the entry is about) straight from the staged rows, which know both:
   * what fillAuditPeople (db/audit-subjects.ts) works out by joining every kind of record to the whole trail, which
   * at scale 1 took minutes. Each row's audit id is its place in time order, as copyAuditInTimeOrder gave it.
   */
  writeAuditPeople(): void {
    this.sqlite.exec(`WITH ranked AS MATERIALIZED (
        SELECT row_number() OVER (ORDER BY ms, rowid) AS audit_id, at, actor_id, subject_id FROM staging.audit)
      INSERT INTO main.audit_people (person_id, at, audit_id)
      SELECT actor_id, at, audit_id FROM ranked WHERE actor_id IS NOT NULL
      UNION
      SELECT subject_id, at, audit_id FROM ranked WHERE subject_id IS NOT NULL
      ORDER BY 1, 2, 3`);
  }

  /** Drops the staging file. */
  close(): void {
    this.sqlite.exec("DETACH DATABASE staging");
    fs.rmSync(this.stagingFile, { force: true });
  }
}
