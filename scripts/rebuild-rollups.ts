/**
 * `npm run rollups:rebuild`: works out every member of staff's standing and every PCN's figures again from the
 * records (app/models/rollups.server.ts). The app keeps them up to date itself; run this after loading records
 * from outside the app, or to check nothing has drifted.
 */
import { getDb } from "~/lib/db.server";
import { rebuildRollups } from "~/models/rollups.server";

const db = getDb();
try {
  const started = performance.now();
  const { people, pcns } = await rebuildRollups(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Rebuilt the standings of ${people} member(s) of staff in ${pcns} PCN(s) in ${seconds} s.`);
} finally {
  await db.destroy();
}
