/**
 * Timing: a page over HTTP with autocannon (programmatic API) at a number of connections, and a floor in this
 * process, repeated for the same length of time. Percentiles come from every response's own time (autocannon's
 * summary has no p95).
 */
import autocannon from "autocannon";

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

export interface PageRun extends Timing {
  connections: number;
  requestsPerSecond: number;
  /** Answers outside 2xx, not counting `busy`. */
  non2xx: number;
  /** 5xx answers, not counting `busy`. */
  serverErrors: number;
  /** The PDF's designed "busy, try again" 503s (its pool and queue full): counted apart from errors. */
  busy: number;
  /** Connection errors and timeouts: requests that got no HTTP answer. */
  noAnswer: number;
}

export function percentiles(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), count: sorted.length };
}

/** Loads a page for `seconds`, or for `amount` requests (a slow page: so that some finish at all). */
export async function loadPage(options: {
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
  amount?: number;
  timeoutSeconds: number;
  /** The page answers 503 by design when it is busy (the PDF): count those as `busy`, not as server errors. */
  busyIs503?: boolean;
}): Promise<PageRun> {
  const times: number[] = [];
  let non2xx = 0;
  let serverErrors = 0;
  let busy = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        amount: options.amount,
        timeout: options.timeoutSeconds,
        headers: { cookie: options.cookie },
      },
      (error: unknown, summary) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(summary),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status === 503 && options.busyIs503) {
        busy += 1;
        return;
      }
      if (status < 200 || status > 299) non2xx += 1;
      if (status >= 500) serverErrors += 1;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    ...percentiles(times),
    connections: options.connections,
    requestsPerSecond: times.length / seconds,
    non2xx,
    serverErrors,
    busy,
    noAnswer: result.errors,
  };
}

/** Runs `work` over and over for `seconds` (at least 5 times, at most `maxRuns`) after one warm-up. */
export async function timeRepeatedly(work: () => Promise<unknown>, seconds: number, maxRuns = 2000): Promise<Timing> {
  await work();
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (times.length < 5 || (performance.now() < end && times.length < maxRuns)) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return percentiles(times);
}
