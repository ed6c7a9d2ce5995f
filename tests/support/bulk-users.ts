import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** Puts many people straight into `users`, in statements small enough for either database's parameter limit. */
export async function insertUsers(db: Kysely<Database>, rows: Insertable<Database["users"]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("users")
      .values(rows.slice(i, i + 500))
      .execute();
}
