/**
 * QUERY_LOG=<file>: append every query the app runs to that file, one JSON line each ({ sql, parameters, ms }), so
 * `npm run bench` can show and check the query plan of every query a page runs. Off unless the variable is set;
 * then the app's Kysely instance is returned as it is, so the log costs nothing.
 *
 * A plugin rather than Kysely's `log` option, because the instance is created in db/connection.ts for SQLite and
 * PostgreSQL alike: the plugin compiles each query with that instance's own compiler, so the logged text is the SQL
 * the database runs, with `?` or `$1` placeholders and the parameters that fill them.
 */
import fs from "node:fs";
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryExecutor,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { env } from "./env.server";

export interface LoggedQuery {
  sql: string;
  parameters: readonly unknown[];
  /** Time from compiling the query to its result, in milliseconds. */
  ms: number;
}

class QueryLogPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<object, { sql: string; parameters: readonly unknown[]; at: number }>();

  constructor(
    private readonly executor: QueryExecutor,
    private readonly file: string,
  ) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const compiled = this.executor.compileQuery(node, queryId);
    this.started.set(queryId, { sql: compiled.sql, parameters: compiled.parameters, at: performance.now() });
    return node;
  }

  async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const query = this.started.get(queryId);
    if (query) {
      const line: LoggedQuery = {
        sql: query.sql,
        parameters: query.parameters,
        ms: Math.round((performance.now() - query.at) * 1000) / 1000,
      };
      // Appended whole and at once, so lines from several server processes never interleave.
      fs.appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    }
    return result;
  }
}

/** The same database handle, logging every query to `file` when one is given (QUERY_LOG by default). */
export function withQueryLog<DB>(db: Kysely<DB>, file: string | undefined = env().QUERY_LOG): Kysely<DB> {
  if (!file) return db;
  return db.withPlugin(new QueryLogPlugin(db.getExecutor(), file));
}
