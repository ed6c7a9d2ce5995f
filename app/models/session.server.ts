import crypto from "node:crypto";
import { todayInLondon } from "~/domain/training-status";
import { type Executor } from "./audit.server";
import { type SignedInUser, signedInUsers, toSignedInUser } from "./user.server";

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** Starts a fresh session and returns the secret token for the cookie (only its hash is stored). */
export async function startSession(
  db: Executor,
  input: {
    userId: number;
    mfaPending: boolean;
    ip?: string | null;
    userAgent?: string | null;
    maxHours: number;
    signedInWith?: string | null;
  },
  now = new Date(),
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id_hash: sha256(token),
      user_id: input.userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.maxHours * 3_600_000).toISOString(),
      mfa_pending: input.mfaPending ? 1 : 0,
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      signed_in_with: input.signedInWith ?? null,
    })
    .execute();
  return token;
}

type SessionClock = { expires_at: string; last_seen_at: string; active: number };

/**
 * Whether a session read with its user is still live: not past its absolute expiry, not idle too long, its user
 * not deactivated. A dead session is deleted on sight; a live one has its idle clock refreshed.
 */
async function keepAlive(db: Executor, idHash: string, row: SessionClock, limits: SessionLimits, now: Date) {
  const idleSince = now.getTime() - Date.parse(row.last_seen_at);
  if (row.active !== 1 || Date.parse(row.expires_at) <= now.getTime() || idleSince > limits.idleMinutes * 60_000) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return false;
  }
  // Refresh the idle clock at most once a minute: reading a page should not mean a write every time.
  if (idleSince > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return true;
}

/**
 * The live session for a token, or null when it is unknown, past its absolute expiry, idle too long, or its user
 * has been deactivated. Expired sessions are deleted on sight.
 */
export async function findLiveSession(db: Executor, token: string, limits: SessionLimits, now = new Date()) {
  const idHash = sha256(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.user_id",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "sessions.mfa_pending",
      "users.active",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row || !(await keepAlive(db, idHash, row, limits, now))) return null;
  return { idHash, userId: row.user_id, mfaPending: row.mfa_pending === 1 };
}

/**
 * The user signed in by a token's live session, read with the session in one statement (findLiveSession's rules
 * decide whether it is live). Null when the session is not live or still waits for its second factor.
 */
export async function findSignedInUser(
  db: Executor,
  token: string,
  limits: SessionLimits,
  now = new Date(),
): Promise<(SignedInUser & { sessionHash: string }) | null> {
  const idHash = sha256(token);
  const row = await signedInUsers(db, todayInLondon(now))
    .innerJoin("sessions", "sessions.user_id", "users.id")
    .select([
      "sessions.expires_at as session_expires_at",
      "sessions.last_seen_at as session_last_seen_at",
      "sessions.mfa_pending as session_mfa_pending",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const clock = { expires_at: row.session_expires_at, last_seen_at: row.session_last_seen_at, active: row.active };
  if (!(await keepAlive(db, idHash, clock, limits, now)) || row.session_mfa_pending === 1) return null;
  const signedIn = toSignedInUser(row);
  return signedIn && { ...signedIn, sessionHash: idHash };
}

/** The single sign-on provider that signed a session in, if one did. */
export async function sessionProvider(db: Executor, token: string): Promise<string | null> {
  const row = await db
    .selectFrom("sessions")
    .select("signed_in_with")
    .where("id_hash", "=", sha256(token))
    .executeTakeFirst();
  return row?.signed_in_with ?? null;
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", sha256(token)).execute();
}
