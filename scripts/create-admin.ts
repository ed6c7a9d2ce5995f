/**
 * Creates the first administrator (or another one). Prompts for what is missing:
 *   npm run create-admin -- --name "Sam Admin" --email sam@example.nhs.net [--password-stdin]
 */
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { z } from "zod";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { createPerson, emailTaken } from "~/models/user.server";
import { newPasswordProblem } from "~/forms/new-password.server";
import { hashPassword } from "~/lib/password.server";

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    email: { type: "string" },
    "password-stdin": { type: "boolean", default: false },
  },
});

const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: false });
const ask = async (question: string, given: string | undefined) => given ?? (await rl.question(question)).trim();

const name = await ask("Full name: ", values.name);
const email = await ask("Email address: ", values.email);
const password = values["password-stdin"]
  ? (await rl.question("")).replace(/\r?\n$/, "")
  : await ask("Password (12 characters or more): ", undefined);
rl.close();

const problems = [
  !name ? "Enter a name" : null,
  z.email().safeParse(email).success ? null : "Enter a valid email address",
  newPasswordProblem(password, { email, name }),
].filter(Boolean);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const db = createDb();
try {
  await migrateToLatest(db);
  if (await emailTaken(db, email)) {
    console.error(`Someone already has the email address ${email}`);
    process.exit(1);
  }
  const id = await createPerson(
    db,
    { pcnId: null, name, email, jobRole: null, fte: null, startDate: null, roles: ["admin"] },
    { id: null, ip: "cli" },
  );
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("id", "=", id)
    .execute();
  console.log(`Administrator ${name} <${email}> created. Sign in, then add PCNs and people.`);
} finally {
  await db.destroy();
}
