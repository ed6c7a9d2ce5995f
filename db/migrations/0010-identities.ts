import type { Kysely } from "kysely";
import { generatedId } from "./portable";

type AnyDb = Kysely<any>;

/**
 * Single sign-on (ADR 0014). `identities` links a provider's subject identifier (never its email) to a person;
 * `identity_link_tokens` are one-time links an administrator gives someone to link their NHS account;
 * `sign_in_requests` hold the state, nonce and PKCE verifier of a sign-in sent to a provider until it comes back.
 * A session remembers which provider signed it in, so signing out can offer that provider's sign-out.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("identities")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addUniqueConstraint("identities_provider_subject", ["provider", "subject"])
    .execute();
  await db.schema.createIndex("identities_user").on("identities").column("user_id").execute();

  await db.schema
    .createTable("identity_link_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("sign_in_requests")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("link_token_hash", "text")
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("sessions").addColumn("signed_in_with", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("signed_in_with").execute();
  for (const table of ["sign_in_requests", "identity_link_tokens", "identities"])
    await db.schema.dropTable(table).execute();
}
