import crypto from "node:crypto";
import { ACCOUNT_POLICY, ADDRESS_POLICY, retryMessage, throttleDecision } from "~/domain/throttle";
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from "~/utils/password.server";
import { hashRecoveryCode, verifyTotp } from "~/utils/totp.server";
import { nowIso } from "~/utils/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { emailKey, type Actor } from "./user.server";

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
const WINDOW_MS = 24 * 3_600_000;

async function recentFailures(db: Executor, key: string, nowMs: number): Promise<number[]> {
  const rows = await db.selectFrom("login_failures").select("at_ms").where("key", "=", key).where("at_ms", ">", nowMs - WINDOW_MS).execute();
  return rows.map((r) => r.at_ms);
}

async function recordFailure(db: Executor, keys: string[], nowMs: number) {
  await db.insertInto("login_failures").values(keys.map((key) => ({ key, at_ms: nowMs }))).execute();
}

export type SignInResult =
  | { ok: true; userId: number; needsSecondFactor: boolean }
  | { ok: false; reason: "throttled"; message: string }
  | { ok: false; reason: "invalid"; message: string };

const INVALID = "Enter a correct email address and password";

/**
 * Checks an email and password. Wrong or unknown: the same message and the same time spent, so it cannot be used
 * to find which emails have accounts. Too many failures for the account or the address: refused before checking.
 */
export async function attemptSignIn(db: Executor, input: { email: string; password: string; ip: string | null }, now = new Date()): Promise<SignInResult> {
  const nowMs = now.getTime();
  const accountKey = `account:${emailKey(input.email)}`;
  const addressKey = `address:${input.ip ?? "unknown"}`;
  for (const [key, policy] of [[accountKey, ACCOUNT_POLICY], [addressKey, ADDRESS_POLICY]] as const) {
    const decision = throttleDecision(await recentFailures(db, key, nowMs), nowMs, policy);
    if (!decision.allowed) return { ok: false, reason: "throttled", message: retryMessage(decision.retryAfterSeconds) };
  }
  const user = await db.selectFrom("users").selectAll().where("email_key", "=", emailKey(input.email)).executeTakeFirst();
  const valid = user?.password_hash ? await verifyPassword(input.password, user.password_hash) : await dummyVerify(input.password);
  if (!user || !valid || user.active !== 1) {
    await recordFailure(db, [accountKey, addressKey], nowMs);
    return { ok: false, reason: "invalid", message: INVALID };
  }
  await db.deleteFrom("login_failures").where("key", "=", accountKey).execute();
  if (user.password_hash && needsRehash(user.password_hash)) {
    await db.updateTable("users").set({ password_hash: await hashPassword(input.password) }).where("id", "=", user.id).execute();
  }
  return { ok: true, userId: user.id, needsSecondFactor: user.totp_enabled === 1 };
}

export type SecondFactorResult = { ok: true } | { ok: false; message: string };

const WRONG_CODE = "The code is not correct or has already been used. Enter the current code from your app";

/**
 * A TOTP code (each used once) or an unused recovery code completes a two-step sign-in. Wrong codes count against
 * the account like wrong passwords, so a stolen password does not buy unlimited guesses at the code.
 */
export async function checkSecondFactor(db: Executor, userId: number, code: string, now = new Date()): Promise<SecondFactorResult> {
  const key = `second-factor:${userId}`;
  const decision = throttleDecision(await recentFailures(db, key, now.getTime()), now.getTime(), ACCOUNT_POLICY);
  if (!decision.allowed) return { ok: false, message: retryMessage(decision.retryAfterSeconds) };
  if (await acceptSecondFactor(db, userId, code.replace(/\s+/g, ""), now)) {
    await db.deleteFrom("login_failures").where("key", "=", key).execute();
    return { ok: true };
  }
  await recordFailure(db, [key], now.getTime());
  return { ok: false, message: WRONG_CODE };
}

async function acceptSecondFactor(db: Executor, userId: number, code: string, now: Date): Promise<boolean> {
  const user = await db.selectFrom("users").select(["totp_secret", "totp_last_step", "totp_enabled"]).where("id", "=", userId).executeTakeFirst();
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

/** A new password; every other session of the person ends, in case the old password was known to someone else. */
export async function changePassword(db: Executor, userId: number, newPassword: string, actor: Actor, keepSessionHash?: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx.updateTable("users").set({ password_hash: hash, updated_at: nowIso() }).where("id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).where("id_hash", "!=", keepSessionHash ?? "").execute();
    await writeAudit(trx, { actorId: actor.id, pcnId: user.pcn_id, entity: "user", entityId: userId, action: "change-password", ip: actor.ip });
  });
}

export async function passwordMatches(db: Executor, userId: number, password: string): Promise<boolean> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return user?.password_hash ? verifyPassword(password, user.password_hash) : false;
}

export const SET_PASSWORD_LINK_HOURS = 72;

/** A one-time link for someone to set their password; any earlier unused link for them stops working. */
export async function issuePasswordToken(db: Executor, userId: number, actor: Actor, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx.updateTable("password_tokens").set({ used_at: now.toISOString() }).where("user_id", "=", userId).where("used_at", "is", null).execute();
    await trx
      .insertInto("password_tokens")
      .values({
        token_hash: sha256(token),
        user_id: userId,
        created_by: actor.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000).toISOString(),
      })
      .execute();
    await writeAudit(trx, { actorId: actor.id, pcnId: user.pcn_id, entity: "user", entityId: userId, action: "issue-password-link", ip: actor.ip });
  });
  return token;
}

/** The person a set-password link is for, while it is unused, unexpired and they are active. */
export async function findPasswordToken(db: Executor, token: string, now = new Date()) {
  return db
    .selectFrom("password_tokens")
    .innerJoin("users", "users.id", "password_tokens.user_id")
    .select(["users.id as userId", "users.name", "users.email"])
    .where("password_tokens.token_hash", "=", sha256(token))
    .where("password_tokens.used_at", "is", null)
    .where("password_tokens.expires_at", ">", now.toISOString())
    .where("users.active", "=", 1)
    .executeTakeFirst();
}

export async function redeemPasswordToken(db: Executor, token: string, newPassword: string, ip: string | null, now = new Date()): Promise<number | null> {
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
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", found.userId).executeTakeFirstOrThrow();
    await trx.updateTable("users").set({ password_hash: hash, updated_at: now.toISOString() }).where("id", "=", found.userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", found.userId).execute();
    await writeAudit(trx, { actorId: found.userId, pcnId: user.pcn_id, entity: "user", entityId: found.userId, action: "set-password", ip });
    return found.userId;
  });
}

/**
 * Turns on two-step sign-in with a secret the person has just proved (by a code at `step`, which cannot then be
 * used again). Refused when it is already on: replacing it must go through turning it off, which needs the password.
 */
export async function enableSecondFactor(db: Executor, userId: number, input: { secret: string; step: number | null; recoveryCodes: string[] }, actor: Actor): Promise<boolean> {
  const { secret, step, recoveryCodes } = input;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["pcn_id", "totp_enabled"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (user.totp_enabled === 1) return false;
    await trx.updateTable("users").set({ totp_secret: secret, totp_enabled: 1, totp_last_step: step, updated_at: nowIso() }).where("id", "=", userId).execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx.insertInto("recovery_codes").values(recoveryCodes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) }))).execute();
    await writeAudit(trx, { actorId: actor.id, pcnId: user.pcn_id, entity: "user", entityId: userId, action: "enable-two-factor", ip: actor.ip });
    return true;
  });
}

export async function disableSecondFactor(db: Executor, userId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx.updateTable("users").set({ totp_secret: null, totp_enabled: 0, totp_last_step: null, updated_at: nowIso() }).where("id", "=", userId).execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await writeAudit(trx, { actorId: actor.id, pcnId: user.pcn_id, entity: "user", entityId: userId, action: "disable-two-factor", ip: actor.ip });
  });
}
