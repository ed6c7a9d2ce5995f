import type { Kysely } from "kysely";
import { createDb } from "../../db/connection";
import type { Database } from "../../db/schema";
import { withQueryLog } from "./query-log.server";

export type DB = Kysely<Database>;

let instance: DB | undefined;

/** The process-wide database handle, opened on first use from DATABASE_PATH. */
export function getDb(): DB {
  instance ??= withQueryLog(createDb());
  return instance;
}
