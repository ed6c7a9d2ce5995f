/**
 * Scheduled work in the server process, each switched on by a setting: a backup every BACKUP_EVERY_HOURS, the
 * routine purge once a day with PURGE_DAILY and the notification job on NOTIFY_SCHEDULE. A failure is logged and
 * the schedule carries on.
 */
import { Cron } from "croner";
import { getDb } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { backupAndPrune, describePurge, routinePurge } from "../app/services/housekeeping.server";
import { refreshStaleRollups } from "../app/services/compliance-dashboard.server";
import { describeNotify, runNotifications } from "../app/services/notify.server";

const HOUR_MS = 3_600_000;

const timers: NodeJS.Timeout[] = [];
const crons: Cron[] = [];
const running = new Map<string, Promise<void>>();

/** Runs a job unless its last run is still going, and logs how it went. */
function runner(name: string, job: () => Promise<string>) {
  return () => {
    if (running.has(name)) return; // a slow run is never overlapped by the next
    const done = job()
      .then((line) => console.log(`${name}: ${line}`))
      .catch((error: unknown) =>
        console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => running.delete(name));
    running.set(name, done);
  };
}

function every(ms: number, name: string, job: () => Promise<string>, options: { atStart?: boolean } = {}) {
  const run = runner(name, job);
  timers.push(setInterval(run, ms).unref());
  if (options.atStart) timers.push(setTimeout(run, 0).unref());
}

/** No new runs; resolves once any job under way has finished, so a stop never leaves a backup half pruned. */
export async function stopScheduledJobs(): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
  for (const cron of crons) cron.stop();
  await Promise.all(running.values());
}

export function startScheduledJobs() {
  const settings = env();
  every(HOUR_MS, "Rollup refresh", refreshStaleRollups, { atStart: true });
  if (settings.BACKUP_EVERY_HOURS > 0) {
    every(settings.BACKUP_EVERY_HOURS * HOUR_MS, "Scheduled backup", async () => {
      const { backup, removed } = await backupAndPrune();
      return `${backup.dir} (${backup.files} files)${removed.length ? `; removed ${removed.length} old` : ""}`;
    });
  }
  // Also at start, so a server restarted more often than daily still purges.
  if (settings.PURGE_DAILY)
    every(24 * HOUR_MS, "Daily purge", async () => `removed ${describePurge(await routinePurge(getDb()))}`, {
      atStart: true,
    });
  // A calendar time (say 7am every day), so people get their digest at the start of the working day.
  if (settings.NOTIFY_SCHEDULE) {
    const run = runner("Notifications", async () => describeNotify(await runNotifications(getDb())));
    crons.push(new Cron(settings.NOTIFY_SCHEDULE, { timezone: "Europe/London", unref: true }, run));
  }
}
