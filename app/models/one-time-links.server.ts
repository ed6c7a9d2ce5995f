import crypto from "node:crypto";
import { type Executor, writeAudit } from "./audit.server";
import type { Actor } from "./user.server";

export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/**
 * A one-time link for a person (to set their password, or to link their NHS account): a random token of which only
 * the hash is kept, valid for `hours`; any earlier unused link of the same kind for them stops working. Audited.
 */
export async function issueOneTimeLink(
  db: Executor,
  kind: { table: "password_tokens" | "identity_link_tokens"; action: "issue-password-link" | "issue-identity-link" },
  userId: number,
  actor: Actor,
  hours: number,
  now: Date,
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("pcn_id").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx
      .updateTable(kind.table)
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
    await trx
      .insertInto(kind.table)
      .values({
        token_hash: sha256(token),
        user_id: userId,
        created_by: actor.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      })
      .execute();
    await writeAudit(trx, {
      actorId: actor.id,
      pcnId: user.pcn_id,
      entity: "user",
      entityId: userId,
      action: kind.action,
      ip: actor.ip,
    });
  });
  return token;
}
