/**
 * Scheduled work in the server process, each switched on by a setting: a backup every BACKUP_EVERY_HOURS and the
 * routine purge once a day with PURGE_DAILY. A failure is logged and the schedule carries on.
 */
import { getDb } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { backupAndPrune, describePurge, routinePurge } from "../app/services/housekeeping.server";
import { refreshStaleRollups } from "../app/services/compliance-dashboard.server";

const HOUR_MS = 3_600_000;

const timers: NodeJS.Timeout[] = [];
const running = new Map<string, Promise<void>>();

function every(ms: number, name: string, job: () => Promise<string>, options: { atStart?: boolean } = {}) {
  const run = () => {
    if (running.has(name)) return; // a slow run is never overlapped by the next
    const done = job()
      .then((line) => console.log(`${name}: ${line}`))
      .catch((error: unknown) =>
        console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => running.delete(name));
    running.set(name, done);
  };
  timers.push(setInterval(run, ms).unref());
  if (options.atStart) timers.push(setTimeout(run, 0).unref());
}

/** No new runs; resolves once any job under way has finished, so a stop never leaves a backup half pruned. */
export async function stopScheduledJobs(): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
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
}
