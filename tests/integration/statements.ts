/**
 * Every statement a test file's queries send, in order: Kysely prepares each query it runs with better-sqlite3, or
 * sends it with pg. Cleared after each test; `statements.mockClear()` starts a count mid-test.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterEach, type MockInstance, vi } from "vitest";
import { onPostgres } from "./database-kind";

export const statements = (onPostgres
  ? vi.spyOn(pg.Client.prototype, "query")
  : vi.spyOn(SQLite.prototype, "prepare")) as unknown as MockInstance<(text: unknown) => unknown>;
afterEach(() => statements.mockClear());

export const sent = () => statements.mock.calls.map(([text]) => String(text));
