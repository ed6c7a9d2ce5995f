/**
 * Builders for realistic records, shared by the tests and the demo seed. They go through the same models the app
 * uses where one exists, so a factory-made record is one the app could have made. They live with the scripts, not
 * in app/services, because no page should ever make a person with a known password; tests may import from scripts.
 */
import type { Kysely } from "kysely";
import type { AppRole, ArrangementKind, Database } from "../../../db/schema";
import { createPcn } from "~/models/pcn.server";
import { addArrangement, createPerson, type Actor } from "~/models/user.server";
import { setInitialPassword } from "../initial-password";

type DB = Kysely<Database>;

const SYSTEM: Actor = { id: null, ip: null };
let sequence = 0;
const next = () => ++sequence;

export async function makePcn(
  db: DB,
  overrides: Partial<{ name: string; odsCode: string; icsName: string | null }> = {},
) {
  const n = next();
  const input = {
    name: overrides.name ?? `Test PCN ${n}`,
    odsCode: overrides.odsCode ?? `U${String(90000 + n)}`,
    icsName: overrides.icsName ?? null,
  };
  const id = await createPcn(db, input, SYSTEM);
  return { id, ...input };
}

export interface PersonOverrides {
  pcnId: number | null;
  name: string;
  email: string;
  roles: AppRole[];
  jobRole: string | null;
  fte: number | null;
  startDate: string | null;
  password: string | null;
  staffNumber: string | null;
}

export const TEST_PASSWORD = "correct horse battery staple";

export async function makePerson(db: DB, overrides: Partial<PersonOverrides> = {}) {
  const n = next();
  const roles = overrides.roles ?? ["coordinator"];
  // Someone who keeps a portfolio must belong to a PCN (the model refuses otherwise): give them one if none was said.
  const pcnId =
    overrides.pcnId !== undefined ? overrides.pcnId : roles.includes("coordinator") ? (await makePcn(db)).id : null;
  const input = {
    pcnId,
    name: overrides.name ?? `Person ${n}`,
    email: overrides.email ?? `person${n}@test.example`,
    roles,
    jobRole: overrides.jobRole === undefined ? "care-coordinator" : overrides.jobRole,
    fte: overrides.fte === undefined ? 1 : overrides.fte,
    startDate: overrides.startDate === undefined ? "2025-01-06" : overrides.startDate,
    staffNumber: overrides.staffNumber ?? null,
  };
  const id = await createPerson(db, input, SYSTEM);
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  if (password !== null) {
    await setInitialPassword(db, id, password);
  }
  return { id, ...input, password };
}

export async function makeArrangement(
  db: DB,
  staff: { id: number; pcnId: number | null },
  personId: number,
  kind: ArrangementKind = "supervisor",
  startedOn = "2025-01-06",
) {
  await addArrangement(db, { staffId: staff.id, personId, kind, startedOn, pcnId: staff.pcnId }, SYSTEM);
}

/** A PCN with one person in each app role, the supervisor designated for the coordinator. */
export async function makeTeam(db: DB) {
  const pcn = await makePcn(db);
  const lead = await makePerson(db, { pcnId: pcn.id, roles: ["lead"], jobRole: null });
  const supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor"], jobRole: null });
  const coordinator = await makePerson(db, { pcnId: pcn.id, roles: ["coordinator"] });
  const colleague = await makePerson(db, {
    pcnId: pcn.id,
    roles: ["coordinator"],
    jobRole: "health-and-wellbeing-coach",
  });
  await makeArrangement(db, coordinator, supervisor.id);
  return { pcn, lead, supervisor, coordinator, colleague };
}
