import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  accountLockedMessage,
  ADDRESS_POLICY,
  PAIR_POLICY,
  retryMessage,
  throttleDecision,
  waitPhrase,
} from "~/domain/throttle";

const MINUTE = 60_000;
const start = Date.UTC(2025, 0, 6, 9, 0, 0);
/** Failure times at the given minutes after `start`. */
const failuresAt = (...minutes: number[]) => minutes.map((m) => start + m * MINUTE);
const at = (minutes: number) => start + minutes * MINUTE;

describe("per account-and-address throttle", () => {
  it("still allows a sign-in after 4 failures", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3), at(4), PAIR_POLICY)).toEqual({ allowed: true });
  });

  it("locks for 15 minutes straight after the 5th failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(4), PAIR_POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 15 * 60,
    });
  });

  it("counts the lock from the last failure, not the first", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(10), PAIR_POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 9 * 60,
    });
  });

  it("rounds the wait up to a whole second", () => {
    const decision = throttleDecision(failuresAt(0, 1, 2, 3, 4), at(19) - 500, PAIR_POLICY);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("lifts the lock 15 minutes after the last failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(19), PAIR_POLICY)).toEqual({ allowed: true });
  });

  it("locks when the 5 failures are exactly 15 minutes apart, but not when further apart", () => {
    expect(throttleDecision(failuresAt(0, 5, 10, 14, 15), at(15), PAIR_POLICY).allowed).toBe(false);
    expect(throttleDecision(failuresAt(0, 5, 10, 14, 15.5), at(15.5), PAIR_POLICY).allowed).toBe(true);
  });

  it("does not carry an expired lock over to the next failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4, 20), at(20), PAIR_POLICY)).toEqual({ allowed: true });
  });

  it("does not depend on the order failures are given in", () => {
    expect(throttleDecision(failuresAt(4, 0, 3, 1, 2), at(10), PAIR_POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 9 * 60,
    });
  });

  it("ignores failures stamped later than now", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 5), at(4.5), PAIR_POLICY)).toEqual({ allowed: true });
  });

  it("allows anyone with no failures", () => {
    expect(throttleDecision([], at(0), PAIR_POLICY)).toEqual({ allowed: true });
  });
});

describe("per-account throttle, from every address together", () => {
  const everyTwoMinutes = (count: number) => Array.from({ length: count }, (_, i) => start + i * 2 * MINUTE);

  it("allows 19 failures within an hour", () => {
    expect(throttleDecision(everyTwoMinutes(19), at(40), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });

  it("holds for an hour from the 20th failure within an hour", () => {
    expect(throttleDecision(everyTwoMinutes(20), at(38), ACCOUNT_POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 60 * 60,
    });
  });
});

describe("per-address throttle", () => {
  const everyFiveSeconds = (count: number) => Array.from({ length: count }, (_, i) => start + i * 5_000);

  it("allows 99 failures from one address within 15 minutes: a whole practice can share one address", () => {
    expect(throttleDecision(everyFiveSeconds(99), at(10), ADDRESS_POLICY)).toEqual({ allowed: true });
  });

  it("locks the address at 100 failures within 15 minutes", () => {
    const failures = everyFiveSeconds(100);
    const last = failures[failures.length - 1] ?? start;
    expect(throttleDecision(failures, last, ADDRESS_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
  });

  it("is far more forgiving than the limit for one account from one address", () => {
    const fiveFailures = failuresAt(0, 1, 2, 3, 4);
    expect(throttleDecision(fiveFailures, at(4), ADDRESS_POLICY).allowed).toBe(true);
    expect(throttleDecision(fiveFailures, at(4), PAIR_POLICY).allowed).toBe(false);
  });
});

describe("what people are told", () => {
  // 9:04am in London in January (GMT), so the clock time is predictable.
  const nine = at(4);

  it("says how long to wait in whole minutes, rounded up, and until when by the clock", () => {
    expect(waitPhrase(12 * 60, nine)).toBe("in 12 minutes (at 9:16am)");
    expect(waitPhrase(11 * 60 + 1, nine)).toBe("in 12 minutes (at 9:16am)");
    expect(waitPhrase(61, nine)).toBe("in 2 minutes (at 9:06am)");
  });

  it("uses the singular for 1 minute, including under a minute", () => {
    expect(waitPhrase(60, nine)).toBe("in 1 minute (at 9:05am)");
    expect(waitPhrase(1, nine)).toBe("in 1 minute (at 9:05am)");
  });

  it("gives the clock time in London, summer time included", () => {
    expect(waitPhrase(15 * 60, Date.UTC(2026, 6, 1, 13, 0, 0))).toBe("in 15 minutes (at 2:15pm)");
  });

  it("says which limit was reached", () => {
    expect(retryMessage("pair", 15 * 60, nine)).toBe(
      "Too many failed attempts to sign in to this account from your network. Try again in 15 minutes (at 9:19am).",
    );
    expect(retryMessage("address", 15 * 60, nine)).toBe(
      "Too many failed sign-in attempts from your network. Try again in 15 minutes (at 9:19am).",
    );
    expect(retryMessage("code", 60, nine)).toBe("Too many wrong security codes. Try again in 1 minute (at 9:05am).");
    expect(retryMessage("password", 60, nine)).toBe("Too many wrong passwords. Try again in 1 minute (at 9:05am).");
  });

  it("tells the owner of a locked account how they can still get in", () => {
    const message = accountLockedMessage(45 * 60, nine);
    expect(message).toContain("needs your password and the code from your authenticator app together");
    expect(message).toContain("try again in 45 minutes (at 9:49am)");
    expect(message).toContain("ask your PCN lead or administrator for a set-password link");
  });

  it("tells someone locked out for one account from one address how long is left", () => {
    const decision = throttleDecision(failuresAt(0, 1, 2, 3, 4), at(10), PAIR_POLICY);
    if (decision.allowed) throw new Error("expected a lock");
    expect(retryMessage("pair", decision.retryAfterSeconds, at(10))).toBe(
      "Too many failed attempts to sign in to this account from your network. Try again in 9 minutes (at 9:19am).",
    );
  });
});
