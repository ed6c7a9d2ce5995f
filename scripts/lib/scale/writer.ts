/**
 * Writes the national data set into SQLite with prepared better-sqlite3 statements, in large transactions.
 *
 * Why not Kysely here, as the app does: at scale 1 this is about eleven million rows, and building and compiling a
 * Kysely query per batch costs several times the insert itself; a prepared statement run once per row loads the
 * set in minutes on two cores. Only this bulk load does it: the schema comes from the app's own migrations, and
 * every row has the shape the models write (checked by the Database types below).
 *
 * Audit rows go first to a staging file beside the database; `finishAudit` copies them into audit_log in time
 * order, so audit ids rise with time as they do in a real deployment.
 */
import fs from "node:fs";
import type SQLite from "better-sqlite3";
import type { Selectable } from "kysely";
import type { AuditLogTable, Database } from "../../../db/schema";
import type { Progress } from "./progress";

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type AuditRow = Omit<Selectable<AuditLogTable>, "id" | "redacted_at"> & { ms: number };

/** Rows per transaction: big enough that commits cost nothing, small enough to keep the rollback journal small. */
const ROWS_PER_TRANSACTION = 200_000;

export class BulkWriter {
  private readonly statements = new Map<string, SQLite.Statement>();
  private pending = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly stagingFile: string,
    private readonly progress: Progress,
  ) {
    fs.rmSync(stagingFile, { force: true });
    sqlite.prepare("ATTACH DATABASE ? AS staging").run(stagingFile);
    sqlite.exec(`PRAGMA staging.journal_mode = OFF; PRAGMA staging.synchronous = OFF;
      CREATE TABLE staging.audit (ms INTEGER NOT NULL, at TEXT NOT NULL, actor_id INTEGER, pcn_id INTEGER,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, before_json TEXT, after_json TEXT, ip TEXT)`);
    sqlite.exec("BEGIN");
  }

  insert<T extends keyof Database>(table: T, row: Row<T>): void {
    this.run(`main.${table}`, row);
    this.progress.count(table);
  }

  audit(row: AuditRow): void {
    this.run("staging.audit", row);
    this.progress.count("audit_log");
  }

  private run(target: string, row: object): void {
    let statement = this.statements.get(target);
    if (!statement) {
      const columns = Object.keys(row);
      statement = this.sqlite.prepare(
        `INSERT INTO ${target} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
      );
      this.statements.set(target, statement);
    }
    statement.run(row);
    this.pending += 1;
    if (this.pending >= ROWS_PER_TRANSACTION) {
      this.sqlite.exec("COMMIT; BEGIN");
      this.pending = 0;
    }
  }

  /** Copies the staged audit rows into audit_log oldest first, then drops the staging file. */
  finishAudit(): void {
    this.sqlite.exec("COMMIT");
    this.sqlite
      .exec(`INSERT INTO main.audit_log (at, actor_id, pcn_id, entity, entity_id, action, before_json, after_json, ip)
      SELECT at, actor_id, pcn_id, entity, entity_id, action, before_json, after_json, ip
      FROM staging.audit ORDER BY ms, rowid`);
    this.sqlite.exec("DETACH DATABASE staging");
    fs.rmSync(this.stagingFile, { force: true });
  }
}
