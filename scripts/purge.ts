/** `npm run purge`: removes personal data past its retention period (ADR 0010) and says what it removed. */
import { createDb } from "../db/connection";
import { describePurge, routinePurge } from "~/services/housekeeping.server";

const db = createDb();
try {
  console.log(`Purged ${describePurge(await routinePurge(db))}.`);
} finally {
  await db.destroy();
}
