import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashPassword } from "~/lib/password.server";

/**
 * The first password of an account made from the command line or by a factory. Not changePassword: that audits a
 * change and ends sessions, and an account just made has neither a password to change nor sessions.
 */
export async function setInitialPassword(db: Kysely<Database>, userId: number, password: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("id", "=", userId)
    .execute();
}
