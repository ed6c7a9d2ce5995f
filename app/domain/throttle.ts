/**
 * Slows password guessing without handing anyone a way to lock others out (ADR 0007). Failures are counted under
 * several keys, each with its own policy: a strict one for one account from one address, a slower one for the
 * account from anywhere, and a loose one for an address, which a whole practice may share behind an NHS network.
 */

export type ThrottlePolicy = {
  /** This many failures close enough together start a lock. */
  maxFailures: number;
  /** "Close enough": first and last of those failures at most this far apart. */
  windowMs: number;
  /** How long the lock lasts, counted from the failure that caused it. */
  lockMs: number;
};

const MINUTE_MS = 60_000;
const FIFTEEN_MINUTES_MS = 15 * MINUTE_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** One account from one address: few enough that guessing is hopeless, enough for someone unsure of their password. */
export const PAIR_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: FIFTEEN_MINUTES_MS, lockMs: FIFTEEN_MINUTES_MS };

/**
 * One account from every address together: slower, against guessing spread over many addresses. While it holds,
 * a password alone is not enough, but the password with a code from the person's authenticator app still is.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: HOUR_MS, lockMs: HOUR_MS };

/** One address for every account: loose, because a whole practice can share one address behind NHS networks. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  maxFailures: 100,
  windowMs: FIFTEEN_MINUTES_MS,
  lockMs: FIFTEEN_MINUTES_MS,
};

/** Codes from an authenticator app, and current-password checks by someone already signed in: per person. */
export const PERSON_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: FIFTEEN_MINUTES_MS,
  lockMs: FIFTEEN_MINUTES_MS,
};

/** How far back failures are ever read: the longest window and lock of any policy. */
export const LONGEST_LOOKBACK_MS = Math.max(
  ...[PAIR_POLICY, ACCOUNT_POLICY, ADDRESS_POLICY, PERSON_POLICY].map((p) => p.windowMs + p.lockMs),
);

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether another attempt may be checked now, given the times (ms) of earlier failures for one key. */
export function throttleDecision(
  failuresMs: readonly number[],
  nowMs: number,
  policy: ThrottlePolicy,
): ThrottleDecision {
  // Failures stamped after `now` cannot have happened yet from this caller's view, so they do not count.
  const past = failuresMs.filter((t) => t <= nowMs).sort((a, b) => a - b);
  // The latest failure that completes a run of maxFailures within the window sets the lock; earlier runs end sooner.
  for (let last = past.length - 1; last >= policy.maxFailures - 1; last--) {
    const runEnd = past[last];
    const runStart = past[last - policy.maxFailures + 1];
    if (runEnd === undefined || runStart === undefined || runEnd - runStart > policy.windowMs) continue;
    const unlockAtMs = runEnd + policy.lockMs;
    return nowMs < unlockAtMs
      ? { allowed: false, retryAfterSeconds: Math.ceil((unlockAtMs - nowMs) / 1000) }
      : { allowed: true };
  }
  return { allowed: true };
}

const londonClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

/**
 * "in 12 minutes (at 10:42am)": how long, and when by the clock, rounded up to a whole minute so that trying at
 * the stated time works.
 */
export function waitPhrase(seconds: number, nowMs: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const unlockAt = Math.ceil((nowMs + seconds * 1000) / MINUTE_MS) * MINUTE_MS;
  const clock = londonClock.format(unlockAt).replace(" ", "").toLowerCase();
  return `in ${minutes} ${minutes === 1 ? "minute" : "minutes"} (at ${clock})`;
}

/** pair and address: signing in; code: the second step; password: the current password, asked again when signed in. */
export type LockKind = "pair" | "address" | "code" | "password";

/** What to tell someone refused by a lock: what happened, and when they can try again. */
export function retryMessage(kind: LockKind, seconds: number, nowMs: number): string {
  const wait = waitPhrase(seconds, nowMs);
  switch (kind) {
    case "pair":
      return `Too many failed attempts to sign in to this account from your network. Try again ${wait}.`;
    case "address":
      return `Too many failed sign-in attempts from your network. Try again ${wait}.`;
    case "code":
      return `Too many wrong security codes. Try again ${wait}.`;
    case "password":
      return `Too many wrong passwords. Try again ${wait}.`;
  }
}

/** Shown while the slower per-account limit holds: the owner can still get in with both factors at once. */
export function accountLockedMessage(seconds: number, nowMs: number): string {
  return (
    `There have been too many failed attempts to sign in to this account, so it now needs your password and the code ` +
    `from your authenticator app together. Enter both, or try again ${waitPhrase(seconds, nowMs)}. If you do not use ` +
    `two-step sign-in, ask your PCN lead or administrator for a set-password link.`
  );
}
