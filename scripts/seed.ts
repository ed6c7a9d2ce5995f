/** Seeds the demo PCN into an empty database (does nothing if anyone exists). */
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "./seed-demo";

const db = createDb();
try {
  await migrateToLatest(db);
  console.log((await seedDemo(db)) ? "Demo PCN seeded." : "Database already has people: nothing seeded.");
} finally {
  await db.destroy();
}
