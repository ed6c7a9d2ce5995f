/** Migrates the database and, when it holds nobody yet, seeds the demo PCN. Safe to run again. */
import { createDb, databaseLabel } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { getContent } from "~/content/index.server";
import { seedDemo } from "./seed-demo";

getContent(); // a broken content file stops here, naming the file and field, before anything is written
const db = createDb();
try {
  const { results = [] } = await migrateToLatest(db);
  console.log(`Database ${databaseLabel()}: ${results.length} migration(s) applied.`);
  const seeded = await seedDemo(db);
  console.log(
    seeded ? "Demo PCN seeded. Sign-in details are in README.md." : "Database already has people: demo seed skipped.",
  );
} finally {
  await db.destroy();
}
