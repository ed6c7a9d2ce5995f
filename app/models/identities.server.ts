/**
 * Single sign-on accounts linked to people (ADR 0014): a provider's subject identifier, never its email, is what
 * links. Also the one-time links an administrator gives someone to link theirs, and the sign-ins waiting for a
 * provider's answer.
 */
import type { SignInRequestTable } from "../../db/schema";
import type { SsoProvider } from "~/domain/single-sign-on";
import { nowIso } from "~/lib/time.server";
import { type Executor, writeAudit } from "./audit.server";
import { issueOneTimeLink, sha256 } from "./one-time-links.server";
import { emailKey, type Actor } from "./user.server";

export interface LinkedIdentity {
  id: number;
  provider: string;
  email: string | null;
  linkedAt: string;
  lastUsedAt: string | null;
}

export async function listIdentities(db: Executor, userId: number): Promise<LinkedIdentity[]> {
  const rows = await db
    .selectFrom("identities")
    .select(["id", "provider", "email", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    email: r.email,
    linkedAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** The person an identity is linked to, and notes that it was used; null when it is linked to nobody. */
export async function personOfIdentity(db: Executor, provider: SsoProvider, subject: string): Promise<number | null> {
  const row = await db
    .selectFrom("identities")
    .select(["id", "user_id"])
    .where("provider", "=", provider)
    .where("subject", "=", subject)
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable("identities").set({ last_used_at: nowIso() }).where("id", "=", row.id).execute();
  return row.user_id;
}

/** The active person with this email who has no account with this provider yet: linking by email finds only them. */
export async function unlinkedPersonWithEmail(db: Executor, provider: SsoProvider, email: string) {
  return db
    .selectFrom("users")
    .select("users.id")
    .where("users.email_key", "=", emailKey(email))
    .where("users.active", "=", 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("identities")
            .select("identities.id")
            .whereRef("identities.user_id", "=", "users.id")
            .where("identities.provider", "=", provider),
        ),
      ),
    )
    .executeTakeFirst();
}

export interface IdentityToLink {
  userId: number;
  provider: SsoProvider;
  subject: string;
  email: string | null;
}

/**
 * Links an identity to a person, in the caller's transaction, audited. False when the identity is already linked (to
 * anyone) or the person already has an account with this provider: one each way, so a link is never silently moved.
 */
export async function linkIdentity(trx: Executor, identity: IdentityToLink, actor: Actor): Promise<boolean> {
  const clash = await trx
    .selectFrom("identities")
    .select("id")
    .where("provider", "=", identity.provider)
    .where((eb) => eb.or([eb("subject", "=", identity.subject), eb("user_id", "=", identity.userId)]))
    .executeTakeFirst();
  if (clash) return false;
  const at = nowIso();
  await trx
    .insertInto("identities")
    .values({
      user_id: identity.userId,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      created_at: at,
      last_used_at: at,
    })
    .execute();
  const user = await trx
    .selectFrom("users")
    .select("pcn_id")
    .where("id", "=", identity.userId)
    .executeTakeFirstOrThrow();
  await writeAudit(trx, {
    actorId: actor.id,
    pcnId: user.pcn_id,
    entity: "user",
    entityId: identity.userId,
    action: "link-identity",
    after: { provider: identity.provider },
    ip: actor.ip,
  });
  return true;
}

/** Removes one of a person's linked identities, audited; false when it is not theirs or already gone. */
export async function unlinkIdentity(db: Executor, userId: number, identityId: number, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom("identities")
      .where("id", "=", identityId)
      .where("user_id", "=", userId)
      .returning("provider")
      .executeTakeFirst();
    if (!removed) return false;
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: userId,
      action: "unlink-identity",
      before: { provider: removed.provider },
      ip: actor.ip,
    });
    return true;
  });
}

/** The audit entry for a sign-in through a provider (a password sign-in leaves its trace in the session alone). */
export async function auditProviderSignIn(trx: Executor, userId: number, provider: SsoProvider, ip: string | null) {
  const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
  await writeAudit(trx, {
    actorId: userId,
    pcnId: user.pcn_id,
    entity: "user",
    entityId: userId,
    action: "sign-in-sso",
    after: { provider },
    ip,
  });
}

export const IDENTITY_LINK_HOURS = 72;

/** A one-time link for someone to link their NHS account; any earlier unused one for them stops working. */
export async function issueIdentityLinkToken(
  db: Executor,
  userId: number,
  actor: Actor,
  now = new Date(),
): Promise<string> {
  const link = { table: "identity_link_tokens", action: "issue-identity-link" } as const;
  return issueOneTimeLink(db, link, userId, actor, IDENTITY_LINK_HOURS, now);
}

/** The person a link is for, while it is unused, unexpired and they are active. */
export async function findIdentityLinkToken(db: Executor, token: string, now = new Date()) {
  return db
    .selectFrom("identity_link_tokens")
    .innerJoin("users", "users.id", "identity_link_tokens.user_id")
    .select(["users.id as userId", "users.name"])
    .where("identity_link_tokens.token_hash", "=", sha256(token))
    .where("identity_link_tokens.used_at", "is", null)
    .where("identity_link_tokens.expires_at", ">", now.toISOString())
    .where("users.active", "=", 1)
    .executeTakeFirst();
}

/** Uses up a link, in the caller's transaction; the person it was for, or null when it no longer works. */
export async function redeemIdentityLinkToken(trx: Executor, tokenHash: string, now = new Date()) {
  const used = await trx
    .updateTable("identity_link_tokens")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .returning("user_id")
    .executeTakeFirst();
  return used?.user_id ?? null;
}

export const hashLinkToken = sha256;

/** A sign-in is kept waiting for the provider's answer this long. */
export const SIGN_IN_REQUEST_MINUTES = 10;

export type SignInRequest = Omit<SignInRequestTable, "state_hash" | "expires_at">;

/** Keeps what the provider's answer must match, under the state's hash; clears requests that were never answered. */
export async function saveSignInRequest(
  db: Executor,
  state: string,
  request: SignInRequest,
  now = new Date(),
): Promise<void> {
  await db.deleteFrom("sign_in_requests").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .insertInto("sign_in_requests")
    .values({
      ...request,
      state_hash: sha256(state),
      expires_at: new Date(now.getTime() + SIGN_IN_REQUEST_MINUTES * 60_000).toISOString(),
    })
    .execute();
}

/** The waiting request for this state, taken so it can be answered only once; null when unknown or expired. */
export async function takeSignInRequest(db: Executor, state: string, now = new Date()): Promise<SignInRequest | null> {
  const row = await db
    .deleteFrom("sign_in_requests")
    .where("state_hash", "=", sha256(state))
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  const { state_hash: _hash, expires_at: _expires, ...request } = row;
  return request;
}
