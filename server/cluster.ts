import cluster, { type Worker } from "node:cluster";

/** A worker that died is replaced after this pause, so one that fails at start cannot spin the CPU. */
const RESTART_DELAY_MS = 1_000;

/**
 * Runs `count` server processes that share the port (node:cluster hands each connection to the next), replaces any
 * that dies, and returns how to stop them all. Sessions live in the database, so any process serves any request.
 */
export function superviseWorkers(count: number, env: NodeJS.ProcessEnv): () => Promise<void> {
  let stopping = false;
  const start = () => {
    if (!stopping) cluster.fork(env);
  };
  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) return;
    console.error(
      `Server process ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another in its place`,
    );
    setTimeout(start, RESTART_DELAY_MS);
  });
  for (let i = 0; i < count; i += 1) start();
  return async () => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      running.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
  };
}
