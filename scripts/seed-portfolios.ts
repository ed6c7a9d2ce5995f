import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** Evidence, training, CPD and supervision for the demo staff (filled in as those features land). */
export async function seedPortfolios(_db: Kysely<Database>, _staff: { id: number; pcnId: number | null; supervisorId: number }[]): Promise<void> {}
