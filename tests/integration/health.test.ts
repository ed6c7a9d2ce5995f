/** The health checks against real databases: the test database, the same file opened read-only, and an empty one. */
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { itOnSqliteFile } from "./database-kind";
import type { Database } from "../../db/schema";
import { databasePath } from "../../db/connection";
import { getDb } from "~/lib/db.server";
import { checkHealth } from "~/services/health.server";

const settings = { dataDir: os.tmpdir(), minFreeMb: 1 };
const open = (file: string, options: SQLite.Options = {}) =>
  new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(file, options) }) });

describe("checkHealth", () => {
  it("passes every check on a migrated, writable database", async () => {
    expect(await checkHealth(getDb(), settings)).toEqual({
      healthy: true,
      checks: { database: "ok", migrations: "ok", content: "ok", disk: "ok" },
    });
  });

  itOnSqliteFile(
    "fails the database check when the file cannot be written, and writes nothing when it can",
    async () => {
      const readOnly = open(databasePath(), { readonly: true });
      try {
        expect((await checkHealth(readOnly, settings)).checks).toEqual({
          database: "fail",
          migrations: "ok",
          content: "ok",
          disk: "ok",
        });
      } finally {
        await readOnly.destroy();
      }
    },
  );

  itOnSqliteFile("fails the database and migration checks on a database that was never migrated", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "care-portfolio-health-")), "empty.sqlite");
    const empty = open(file);
    try {
      expect(await checkHealth(empty, settings)).toEqual({
        healthy: false,
        checks: { database: "fail", migrations: "fail", content: "ok", disk: "ok" },
      });
    } finally {
      await empty.destroy();
    }
  });

  it("fails the disk check below the threshold", async () => {
    expect((await checkHealth(getDb(), { ...settings, minFreeMb: Number.MAX_SAFE_INTEGER })).checks.disk).toBe("fail");
  });
});
