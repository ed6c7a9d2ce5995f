/**
 * The PostgreSQL side of the integration suite (ADR 0013): TEST_DATABASE_URL names a server the tests may create
 * databases on. One template database is migrated once; each test file gets its own copy, as on SQLite.
 */
import crypto from "node:crypto";
import pg from "pg";

/** The server the PostgreSQL run uses, or undefined when that run is skipped. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}

/** The URL of one database on that server. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database name that no other run, file or worker uses. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
}

/** Runs statements that cannot run in a transaction (CREATE/DROP DATABASE) on the server's default database. */
export async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
