import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY, retryMessage, throttleDecision } from "~/domain/throttle";

const MINUTE = 60_000;
const start = Date.UTC(2025, 0, 6, 9, 0, 0);
/** Failure times at the given minutes after `start`. */
const failuresAt = (...minutes: number[]) => minutes.map((m) => start + m * MINUTE);
const at = (minutes: number) => start + minutes * MINUTE;

describe("per-account throttle", () => {
  it("still allows a sign-in after 4 failures", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3), at(4), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });

  it("locks for 15 minutes straight after the 5th failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(4), ACCOUNT_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
  });

  it("counts the lock from the last failure, not the first", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(10), ACCOUNT_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
  });

  it("rounds the wait up to a whole second", () => {
    const decision = throttleDecision(failuresAt(0, 1, 2, 3, 4), at(19) - 500, ACCOUNT_POLICY);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("lifts the lock 15 minutes after the last failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4), at(19), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });

  it("locks when the 5 failures are exactly 15 minutes apart, but not when further apart", () => {
    expect(throttleDecision(failuresAt(0, 5, 10, 14, 15), at(15), ACCOUNT_POLICY).allowed).toBe(false);
    expect(throttleDecision(failuresAt(0, 5, 10, 14, 15.5), at(15.5), ACCOUNT_POLICY).allowed).toBe(true);
  });

  it("does not carry an expired lock over to the next failure", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 4, 20), at(20), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });

  it("does not depend on the order failures are given in", () => {
    expect(throttleDecision(failuresAt(4, 0, 3, 1, 2), at(10), ACCOUNT_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
  });

  it("ignores failures stamped later than now", () => {
    expect(throttleDecision(failuresAt(0, 1, 2, 3, 5), at(4.5), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });

  it("allows anyone with no failures", () => {
    expect(throttleDecision([], at(0), ACCOUNT_POLICY)).toEqual({ allowed: true });
  });
});

describe("per-address throttle", () => {
  const everyHalfMinute = (count: number) => Array.from({ length: count }, (_, i) => start + i * 30_000);

  it("allows 19 failures from one address within 15 minutes", () => {
    expect(throttleDecision(everyHalfMinute(19), at(10), ADDRESS_POLICY)).toEqual({ allowed: true });
  });

  it("locks the address at 20 failures within 15 minutes", () => {
    const failures = everyHalfMinute(20);
    const last = failures[failures.length - 1] ?? start;
    expect(throttleDecision(failures, last, ADDRESS_POLICY)).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
  });

  it("is more forgiving than the account limit", () => {
    const fiveFailures = failuresAt(0, 1, 2, 3, 4);
    expect(throttleDecision(fiveFailures, at(4), ADDRESS_POLICY).allowed).toBe(true);
    expect(throttleDecision(fiveFailures, at(4), ACCOUNT_POLICY).allowed).toBe(false);
  });
});

describe("retry message", () => {
  it("says how many whole minutes to wait", () => {
    expect(retryMessage(12 * 60)).toBe("Too many failed sign-in attempts. Try again in 12 minutes.");
  });

  it("rounds part of a minute up", () => {
    expect(retryMessage(11 * 60 + 1)).toBe("Too many failed sign-in attempts. Try again in 12 minutes.");
    expect(retryMessage(61)).toBe("Too many failed sign-in attempts. Try again in 2 minutes.");
  });

  it("uses the singular for 1 minute, including under a minute", () => {
    expect(retryMessage(60)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
    expect(retryMessage(1)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
  });

  it("tells someone locked out by the account rule how long is left", () => {
    const decision = throttleDecision(failuresAt(0, 1, 2, 3, 4), at(10), ACCOUNT_POLICY);
    if (decision.allowed) throw new Error("expected a lock");
    expect(retryMessage(decision.retryAfterSeconds)).toBe("Too many failed sign-in attempts. Try again in 9 minutes.");
  });
});
