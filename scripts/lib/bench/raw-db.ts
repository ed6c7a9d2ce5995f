/**
 * The bench's own connection to the database the server uses, without Kysely or the app: for the floors (the same
 * data a page shows, fetched with raw SQL) and for EXPLAIN. Uses better-sqlite3 and pg directly on purpose: the
 * floor is what the database driver alone costs.
 */
import SQLite from "better-sqlite3";
import pg from "pg";

export type Row = Record<string, unknown>;

export interface RawDb {
  dialect: "sqlite" | "postgres";
  /** Runs one statement written with `?` placeholders and returns its rows. */
  all(sql: string, parameters?: readonly unknown[]): Promise<Row[]>;
  /** The plan of a statement exactly as the app logged it (its own placeholders), one line per plan row. */
  explain(sql: string, parameters: readonly unknown[]): Promise<PlanLine[]>;
  /** Rows in each table. */
  tableSizes(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** One line of a plan: SQLite's EXPLAIN QUERY PLAN rows keep their tree; PostgreSQL's text lines have depth 0. */
export interface PlanLine {
  id: number;
  parent: number;
  detail: string;
}

/** `?` placeholders to PostgreSQL's `$1, $2, ...` (the floors' SQL has no `?` inside string literals). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function openSqliteRaw(file: string): RawDb {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
    return statement;
  };
  return {
    dialect: "sqlite",
    all: async (sql, parameters = []) => prepared(sql).all(...parameters) as Row[],
    explain: async (sql, parameters) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as PlanLine[]).map(({ id, parent, detail }) => ({
        id,
        parent,
        detail,
      })),
    tableSizes: async () => {
      const tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      return new Map(
        tables.map((t) => [t, sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number] as const),
      );
    },
    close: async () => void sqlite.close(),
  };
}

export async function openPostgresRaw(url: string): Promise<RawDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    dialect: "postgres",
    all: async (sql, parameters = []) => (await client.query(numbered(sql), [...parameters])).rows as Row[],
    explain: async (sql, parameters) =>
      (await client.query(`EXPLAIN ${sql}`, [...parameters])).rows.map((r: Row, i) => ({
        id: i + 1,
        parent: 0,
        detail: String(r["QUERY PLAN"]),
      })),
    tableSizes: async () => {
      const { rows } = await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
      );
      const sizes = new Map<string, number>();
      for (const { name } of rows) {
        const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
        sizes.set(name, Number(count.rows[0]!.n));
      }
      return sizes;
    },
    close: () => client.end(),
  };
}

/** The database the bench's server uses: PostgreSQL when DATABASE_URL is set, otherwise the SQLite file. */
export function openRawDb(target: { databaseUrl?: string; sqliteFile: string }): Promise<RawDb> {
  return target.databaseUrl ? openPostgresRaw(target.databaseUrl) : Promise.resolve(openSqliteRaw(target.sqliteFile));
}
