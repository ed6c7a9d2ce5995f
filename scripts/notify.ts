/** `npm run notify`: finds what needs attention, stores the notifications and emails each person one digest. */
import { createDb } from "../db/connection";
import { describeNotify, runNotifications } from "~/services/notify.server";

const db = createDb();
try {
  const report = await runNotifications(db);
  console.log(`Notifications: ${describeNotify(report)}.`);
  for (const failure of report.failures) console.error(`Not sent: ${failure}`);
  if (report.emailsFailed > 0) process.exitCode = 1;
} finally {
  await db.destroy();
}
