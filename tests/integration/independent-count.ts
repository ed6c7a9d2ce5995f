import SQLite from "better-sqlite3";

let reader: SQLite.Database | undefined;

/**
 * One number from the test's own SQL, read through a separate connection to the database file: an independent
 * check of what the app's models report.
 */
export function count(query: string, ...params: (string | number)[]): number {
  reader ??= new SQLite(process.env.DATABASE_PATH!, { readonly: true });
  return Number(
    reader
      .prepare(query)
      .pluck()
      .get(...params),
  );
}
