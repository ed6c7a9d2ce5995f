/**
 * The demo's induction checklists (made by createPerson as each person is added): established staff finished
 * theirs a fortnight after they started; the two newest starters are part-way through, ticked by their supervisor,
 * so the dashboard's induction column and filter show both.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { addCalendarDays, todayInLondon } from "~/domain/training-status";
import { tickInductionItems } from "~/models/induction.server";

/** How many items each recent starter has done. */
const PART_DONE: Record<string, number> = {
  "jack.thompson@riverside-pcn.example": 3,
  "liam.oconnor@riverside-pcn.example": 5,
};

interface SeededStaff {
  id: number;
  pcnId: number | null;
  email: string;
  jobRole: string;
  startDate: string | null;
  supervisorId: number;
}

export async function seedInductions(db: Kysely<Database>, staff: readonly SeededStaff[]): Promise<void> {
  const today = todayInLondon(new Date());
  for (const person of staff) {
    const items = await db
      .selectFrom("induction_items as i")
      .innerJoin("induction_checklists as c", "c.id", "i.checklist_id")
      .select("i.id")
      .where("c.person_id", "=", person.id)
      .orderBy("i.position")
      .execute();
    const partDone = PART_DONE[person.email];
    const ids = items.slice(0, partDone ?? items.length).map((i) => i.id);
    const doneOn = partDone || !person.startDate ? addCalendarDays(today, -2) : addCalendarDays(person.startDate, 14);
    if (ids.length) await tickInductionItems(db, person, ids, doneOn, { id: person.supervisorId, ip: null });
  }
}
