import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely";
import * as foundation from "./migrations/0001-foundation";
import * as portfolio from "./migrations/0002-portfolio";
import * as trainingVerification from "./migrations/0004-training-verification";
import * as supervisionConfirmation from "./migrations/0005-supervision-confirmation";
import * as retention from "./migrations/0007-retention";
import * as rollups from "./migrations/0008-rollups";
import * as auditIndexes from "./migrations/0009-audit-indexes";
import * as identities from "./migrations/0010-identities";
import * as notifications from "./migrations/0011-notifications";
import * as trainingImports from "./migrations/0012-training-imports";
import * as localPeriods from "./migrations/0013-local-periods";
import * as development from "./migrations/0014-development";
import * as nationalFigures from "./migrations/0015-national-figures";
import * as appraisals from "./migrations/0016-appraisals";
import * as induction from "./migrations/0017-induction";
import * as peopleCount from "./migrations/0018-people-count";
import * as scopeExpiries from "./migrations/0019-scope-expiries";
import * as pageIndexes from "./migrations/0020-page-indexes";
import * as dropReadinessAnswersIndex from "./migrations/0021-drop-readiness-answers-index";

// An in-code provider: Kysely's FileMigrationProvider reads the folder at run time, which a Vite build breaks.
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-portfolio": portfolio,
  "0004-training-verification": trainingVerification,
  "0005-supervision-confirmation": supervisionConfirmation,
  "0007-retention": retention,
  "0008-rollups": rollups,
  "0009-audit-indexes": auditIndexes,
  "0010-identities": identities,
  "0011-notifications": notifications,
  "0012-training-imports": trainingImports,
  "0013-local-periods": localPeriods,
  "0014-development": development,
  "0015-national-figures": nationalFigures,
  "0016-appraisals": appraisals,
  "0017-induction": induction,
  "0018-people-count": peopleCount,
  "0019-scope-expiries": scopeExpiries,
  "0020-page-indexes": pageIndexes,
  "0021-drop-readiness-answers-index": dropReadinessAnswersIndex,
};

/** Every migration this version of the app expects the database to have had. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

/** SQLite's and PostgreSQL's words for a table that is not there. */
const noSuchTable = (error: unknown) =>
  (error as { code?: string }).code === "42P01" || /no such table/.test((error as Error).message);

/** The migrations the database has had: none when it has never been migrated. Other failures are thrown. */
export async function appliedMigrations(db: Kysely<any>): Promise<Set<string>> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return new Set(rows.map((r) => r.name));
  } catch (error) {
    if (noSuchTable(error)) return new Set();
    throw error;
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; running it again changes nothing. Throws if any migration failed. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await new Migrator({ db, provider }).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
