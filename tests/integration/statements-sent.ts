/**
 * Every statement the database runs, as SQL text in the order run: the statements better-sqlite3 runs (prepared
 * once and kept by the connection's statement cache, so counted where they run rather than where they are
 * prepared), or those pg sends to PostgreSQL.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterEach, type MockInstance, vi } from "vitest";
import { onPostgres } from "./database-kind";

type Spy = MockInstance<(...args: unknown[]) => unknown>;

function spies(): Spy[] {
  if (onPostgres) return [vi.spyOn(pg.Client.prototype, "query") as unknown as Spy];
  const probe = new SQLite(":memory:");
  const statement: Record<"all" | "run" | "iterate", (...args: unknown[]) => unknown> = Object.getPrototypeOf(
    probe.prepare("select 1"),
  );
  probe.close();
  return (["all", "run", "iterate"] as const).map((method) => vi.spyOn(statement, method) as unknown as Spy);
}

/** Watches the statements run from now on; cleared after each test. */
export function watchStatements() {
  const watched = spies();
  const clear = () => watched.forEach((spy) => spy.mockClear());
  afterEach(clear);
  const textOf = (spy: Spy, call: number) =>
    onPostgres ? String(spy.mock.calls[call]![0]) : (spy.mock.contexts[call] as SQLite.Statement).source;
  return {
    clear,
    /** The SQL text of each statement run since the last clear. */
    sent(): string[] {
      return watched
        .flatMap((spy) => spy.mock.invocationCallOrder.map((order, call) => ({ order, text: textOf(spy, call) })))
        .sort((a, b) => a.order - b.order)
        .map((s) => s.text);
    },
  };
}
