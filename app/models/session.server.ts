import crypto from "node:crypto";
import { type Executor } from "./audit.server";

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
      "sessions.id_hash",
      "sessions.user_id",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "sessions.mfa_pending",
      "users.active",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now.getTime() - Date.parse(row.last_seen_at);
  if (row.active !== 1 || Date.parse(row.expires_at) <= now.getTime() || idleSince > limits.idleMinutes * 60_000) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  // Refresh the idle clock at most once a minute: reading a page should not mean a write every time.
  if (idleSince > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return { idHash, userId: row.user_id, mfaPending: row.mfa_pending === 1 };
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
