import crypto from "node:crypto";
import { sql } from "kysely";
import {
  ACCOUNT_POLICY,
  accountLockedMessage,
  ADDRESS_POLICY,
  LONGEST_LOOKBACK_MS,
  PAIR_POLICY,
  PERSON_POLICY,
  retryMessage,
  throttleDecision,
  type ThrottlePolicy,
} from "~/domain/throttle";
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from "~/lib/password.server";
import { hashRecoveryCode, verifyTotp } from "~/lib/totp.server";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { issueOneTimeLink } from "./one-time-links.server";
import { emailKey, type Actor } from "./user.server";

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/** Seconds until the key's lock lifts, or null when an attempt may be checked now. */
async function lockedFor(db: Executor, key: string, policy: ThrottlePolicy, nowMs: number): Promise<number | null> {
  const rows = await db
    .selectFrom("login_failures")
    .select("at_ms")
    .where("key", "=", key)
    .where("at_ms", ">", nowMs - LONGEST_LOOKBACK_MS)
    .execute();
  const decision = throttleDecision(
    rows.map((r) => r.at_ms),
    nowMs,
    policy,
  );
  return decision.allowed ? null : decision.retryAfterSeconds;
}

async function recordFailure(db: Executor, keys: string[], nowMs: number) {
  await db
    .insertInto("login_failures")
    .values(keys.map((key) => ({ key, at_ms: nowMs })))
    .execute();
}

async function clearFailures(db: Executor, key: string) {
  await db.deleteFrom("login_failures").where("key", "=", key).execute();
}

/** The keys a sign-in attempt is counted under (ADR 0007). */
function signInKeys(email: string, ip: string | null) {
  const account = emailKey(email);
  const address = ip ?? "unknown";
  return { pair: `pair:${account}|${address}`, account: `account:${account}`, address: `address:${address}` };
}

/** Forgets every failed sign-in to an account, from anywhere: for when its owner has proved who they are another way. */
async function clearAccountFailures(db: Executor, email: string) {
  // With an empty address, the pair key is the prefix that the account's pair keys from every address share.
  const { account, pair: pairPrefix } = signInKeys(email, "");
  await db
    .deleteFrom("login_failures")
    .where((eb) =>
      eb.or([eb("key", "=", account), eb(sql<string>`substr(key, 1, ${pairPrefix.length})`, "=", pairPrefix)]),
    )
    .execute();
}

export type SignInResult =
  | { ok: true; userId: number; needsSecondFactor: boolean }
  | { ok: false; reason: "throttled"; message: string }
  /** The account's own limit holds: only the password and a security code together can get in. */
  | { ok: false; reason: "needs-code"; message: string }
  | { ok: false; reason: "invalid"; message: string };

const INVALID = "Enter a correct email address and password";
const INVALID_WITH_CODE = "Enter a correct email address, password and security code";

/**
 * Checks an email and password, and a security code when one is given with them. Wrong or unknown: the same message
 * and the same time spent, so it cannot be used to find which emails have accounts. Throttled as ADR 0007 explains:
 * an address or an account-and-address pair over its limit is refused before anything is checked; an account over
 * its own (slower) limit needs the code as well, so someone guessing elsewhere cannot keep its owner out.
 */
export async function attemptSignIn(
  db: Executor,
  input: { email: string; password: string; code?: string; ip: string | null },
  now = new Date(),
): Promise<SignInResult> {
  const nowMs = now.getTime();
  const keys = signInKeys(input.email, input.ip);
  for (const [kind, key, policy] of [
    ["address", keys.address, ADDRESS_POLICY],
    ["pair", keys.pair, PAIR_POLICY],
  ] as const) {
    const wait = await lockedFor(db, key, policy, nowMs);
    if (wait !== null) return { ok: false, reason: "throttled", message: retryMessage(kind, wait, nowMs) };
  }
  const accountWait = await lockedFor(db, keys.account, ACCOUNT_POLICY, nowMs);
  const code = input.code?.replace(/\s+/g, "") ?? "";
  // Refused before the password is checked, so a locked account answers no questions about its password.
  if (accountWait !== null && !code)
    return { ok: false, reason: "needs-code", message: accountLockedMessage(accountWait, nowMs) };

  // The two-step secret is read by secondFactorAccepted, only when a code is given.
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active", "totp_enabled"])
    .where("email_key", "=", emailKey(input.email))
    .executeTakeFirst();
  const valid = user?.password_hash
    ? await verifyPassword(input.password, user.password_hash)
    : await dummyVerify(input.password);
  const passwordOk = Boolean(user && valid && user.active === 1);
  const hasSecondFactor = user?.totp_enabled === 1;
  // With a code the two factors are judged together, and only ever answered together.
  const codeOk = passwordOk && hasSecondFactor && code !== "" && (await secondFactorAccepted(db, user!.id, code, now));
  const success = accountWait === null ? passwordOk && (code === "" || !hasSecondFactor || codeOk) : codeOk;
  if (!user || !success) {
    await recordFailure(db, [keys.address, keys.pair, keys.account], nowMs);
    if (accountWait !== null)
      return { ok: false, reason: "needs-code", message: accountLockedMessage(accountWait, nowMs) };
    return { ok: false, reason: "invalid", message: code ? INVALID_WITH_CODE : INVALID };
  }
  await clearFailures(db, keys.pair);
  if (user.password_hash && needsRehash(user.password_hash)) {
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(input.password) })
      .where("id", "=", user.id)
      .execute();
  }
  return { ok: true, userId: user.id, needsSecondFactor: hasSecondFactor && !codeOk };
}

export type CheckResult = { ok: true } | { ok: false; message: string };

const WRONG_CODE = "The code is not correct or has already been used. Enter the current code from your app";
const secondFactorKey = (userId: number) => `second-factor:${userId}`;

/** A code judged and counted: wrong codes count against the person, so a known password does not buy endless guesses. */
async function secondFactorAccepted(db: Executor, userId: number, code: string, now: Date): Promise<boolean> {
  const key = secondFactorKey(userId);
  if ((await lockedFor(db, key, PERSON_POLICY, now.getTime())) !== null) return false;
  if (await acceptSecondFactor(db, userId, code, now)) {
    await clearFailures(db, key);
    return true;
  }
  await recordFailure(db, [key], now.getTime());
  return false;
}

/** The second step of signing in: a TOTP code (each used once) or an unused recovery code. */
export async function checkSecondFactor(
  db: Executor,
  userId: number,
  code: string,
  now = new Date(),
): Promise<CheckResult> {
  const wait = await lockedFor(db, secondFactorKey(userId), PERSON_POLICY, now.getTime());
  if (wait !== null) return { ok: false, message: retryMessage("code", wait, now.getTime()) };
  return (await secondFactorAccepted(db, userId, code.replace(/\s+/g, ""), now))
    ? { ok: true }
    : { ok: false, message: WRONG_CODE };
}

async function acceptSecondFactor(db: Executor, userId: number, code: string, now: Date): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select(["totp_secret", "totp_last_step", "totp_enabled"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user?.totp_secret || user.totp_enabled !== 1) return false;
  if (/^\d{6}$/.test(code)) {
    const result = verifyTotp(user.totp_secret, code, now.getTime(), user.totp_last_step ?? undefined);
    if (!result.ok) return false;
    await db.updateTable("users").set({ totp_last_step: result.step }).where("id", "=", userId).execute();
    return true;
  }
  const used = await db
    .updateTable("recovery_codes")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashRecoveryCode(code))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) > 0;
}

/**
 * The current password, asked again before changing the password or turning off two-step sign-in. Throttled like
 * signing in, so a session left open on a shared computer does not allow endless guesses.
 */
export async function checkCurrentPassword(
  db: Executor,
  userId: number,
  password: string,
  now = new Date(),
): Promise<CheckResult> {
  const key = `current-password:${userId}`;
  const wait = await lockedFor(db, key, PERSON_POLICY, now.getTime());
  if (wait !== null) return { ok: false, message: retryMessage("password", wait, now.getTime()) };
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (user?.password_hash && (await verifyPassword(password, user.password_hash))) {
    await clearFailures(db, key);
    return { ok: true };
  }
  await recordFailure(db, [key], now.getTime());
  return { ok: false, message: "Your password is not correct" };
}

/** A new password; every other session of the person ends, in case the old password was known to someone else. */
export async function changePassword(
  db: Executor,
  userId: number,
  newPassword: string,
  actor: Actor,
  keepSessionHash?: string,
): Promise<void> {
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ password_hash: hash, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", userId)
      .where("id_hash", "!=", keepSessionHash ?? "")
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: userId,
      action: "change-password",
      ip: actor.ip,
    });
  });
}

export const SET_PASSWORD_LINK_HOURS = 72;

/** A one-time link for someone to set their password; any earlier unused link for them stops working. */
export async function issuePasswordToken(
  db: Executor,
  userId: number,
  actor: Actor,
  now = new Date(),
): Promise<string> {
  const link = { table: "password_tokens", action: "issue-password-link" } as const;
  return issueOneTimeLink(db, link, userId, actor, SET_PASSWORD_LINK_HOURS, now);
}

/** The person a set-password link is for, while it is unused, unexpired and they are active. */
export async function findPasswordToken(db: Executor, token: string, now = new Date()) {
  return db
    .selectFrom("password_tokens")
    .innerJoin("users", "users.id", "password_tokens.user_id")
    .leftJoin("pcns", "pcns.id", "users.pcn_id")
    .select(["users.id as userId", "users.name", "users.email", "pcns.name as pcnName"])
    .where("password_tokens.token_hash", "=", sha256(token))
    .where("password_tokens.used_at", "is", null)
    .where("password_tokens.expires_at", ">", now.toISOString())
    .where("users.active", "=", 1)
    .executeTakeFirst();
}

export async function redeemPasswordToken(
  db: Executor,
  token: string,
  newPassword: string,
  ip: string | null,
  now = new Date(),
): Promise<number | null> {
  const found = await findPasswordToken(db, token, now);
  if (!found) return null;
  const hash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("password_tokens")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", sha256(token))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    const user = await trx
      .selectFrom("users")
      .select("pcn_id")
      .where("id", "=", found.userId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where("id", "=", found.userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", found.userId).execute();
    // Holding a fresh link proves who they are, so whatever anyone else tried against the account no longer counts.
    await clearAccountFailures(trx, found.email);
    await writeAudit(trx, {
      actorId: found.userId,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: found.userId,
      action: "set-password",
      ip,
    });
    return found.userId;
  });
}

/**
 * Turns on two-step sign-in with a secret the person has just proved (by a code at `step`, which cannot then be
 * used again). Refused when it is already on: replacing it must go through turning it off, which needs the password.
 */
export async function enableSecondFactor(
  db: Executor,
  userId: number,
  input: { secret: string; step: number | null; recoveryCodes: string[] },
  actor: Actor,
): Promise<boolean> {
  const { secret, step, recoveryCodes } = input;
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["pcn_id", "totp_enabled"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled === 1) return false;
    await trx
      .updateTable("users")
      .set({ totp_secret: secret, totp_enabled: 1, totp_last_step: step, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(recoveryCodes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) })))
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: userId,
      action: "enable-two-factor",
      ip: actor.ip,
    });
    return true;
  });
}

/**
 * Turns two-step sign-in off. "disable": the person themselves, after giving their password. "reset": an
 * administrator or lead for someone who has lost their phone and recovery codes; it also ends that person's
 * sessions and forgets their wrong codes, so they start again from their password.
 */
export async function disableSecondFactor(
  db: Executor,
  userId: number,
  actor: Actor,
  how: "disable" | "reset" = "disable",
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ totp_secret: null, totp_enabled: 0, totp_last_step: null, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    if (how === "reset") {
      await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await clearFailures(trx, secondFactorKey(userId));
    }
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: userId,
      action: `${how}-two-factor`,
      ip: actor.ip,
    });
  });
}
