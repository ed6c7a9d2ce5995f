/** The checks and writes behind `npm run create-admin`, callable in-process so tests need not start the script. */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { createPerson, emailTaken } from "~/models/user.server";
import { newPasswordProblem } from "~/forms/new-password.server";
import { setInitialPassword } from "./initial-password";

export interface AdministratorInput {
  name: string;
  email: string;
  password: string;
}

export type AdministratorResult = { ok: true; id: number } | { ok: false; problems: string[] };

/** What is wrong with the name, email and password as typed, before any database is opened. */
export function administratorProblems({ name, email, password }: AdministratorInput): string[] {
  return [
    !name ? "Enter a name" : null,
    z.email().safeParse(email).success ? null : "Enter a valid email address",
    newPasswordProblem(password, { email, name }),
  ].filter((problem): problem is string => Boolean(problem));
}

export async function createAdministrator(
  db: Kysely<Database>,
  input: AdministratorInput,
): Promise<AdministratorResult> {
  const { name, email, password } = input;
  const problems = administratorProblems(input);
  if (problems.length) return { ok: false, problems };
  if (await emailTaken(db, email)) return { ok: false, problems: [`Someone already has the email address ${email}`] };
  const id = await createPerson(
    db,
    { pcnId: null, name, email, jobRole: null, fte: null, startDate: null, roles: ["admin"] },
    { id: null, ip: "cli" },
  );
  await setInitialPassword(db, id, password);
  return { ok: true, id };
}
