import { createDb, databaseLabel } from "../db/connection";
import { migrateToLatest } from "../db/migrate";

const db = createDb();
try {
  const { results = [] } = await migrateToLatest(db);
  for (const r of results) console.log(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}`);
  console.log(`Database ${databaseLabel()} is up to date (${results.length} migration(s) applied now).`);
} finally {
  await db.destroy();
}
