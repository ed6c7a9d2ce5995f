/**
 * Slows password guessing: after too many failed sign-ins in a short time, further attempts for that
 * account (or from that network address) are refused for a while without checking the password.
 */

export type ThrottlePolicy = {
  /** This many failures close enough together start a lock. */
  maxFailures: number;
  /** "Close enough": first and last of those failures at most this far apart. */
  windowMs: number;
  /** How long the lock lasts, counted from the failure that caused it. */
  lockMs: number;
};

const FIFTEEN_MINUTES_MS = 15 * 60_000;

/** Per account: few enough that guessing is hopeless, enough for someone unsure which password they used. */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: FIFTEEN_MINUTES_MS, lockMs: FIFTEEN_MINUTES_MS };

/** Per address: higher, because a whole practice can share one address behind NHS networks. */
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: FIFTEEN_MINUTES_MS, lockMs: FIFTEEN_MINUTES_MS };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether another attempt may be checked now, given the times (ms) of earlier failures for one key. */
export function throttleDecision(failuresMs: readonly number[], nowMs: number, policy: ThrottlePolicy): ThrottleDecision {
  // Failures stamped after `now` cannot have happened yet from this caller's view, so they do not count.
  const past = failuresMs.filter((t) => t <= nowMs).sort((a, b) => a - b);
  // The latest failure that completes a run of maxFailures within the window sets the lock; earlier runs end sooner.
  for (let last = past.length - 1; last >= policy.maxFailures - 1; last--) {
    const runEnd = past[last];
    const runStart = past[last - policy.maxFailures + 1];
    if (runEnd === undefined || runStart === undefined || runEnd - runStart > policy.windowMs) continue;
    const unlockAtMs = runEnd + policy.lockMs;
    return nowMs < unlockAtMs ? { allowed: false, retryAfterSeconds: Math.ceil((unlockAtMs - nowMs) / 1000) } : { allowed: true };
  }
  return { allowed: true };
}

/** The message shown while locked; whole minutes, rounded up so trying at the stated time works. */
export function retryMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
