/**
 * Creates the first administrator (or another one). Prompts for what is missing:
 *   npm run create-admin -- --name "Sam Admin" --email sam@example.nhs.net [--password-stdin]
 */
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { createDb } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { administratorProblems, createAdministrator } from "./lib/administrator";

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

// Checked before the database is opened, so a typing mistake leaves no database file behind.
const problems = administratorProblems({ name, email, password });
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const db = createDb();
try {
  await migrateToLatest(db);
  const created = await createAdministrator(db, { name, email, password });
  if (!created.ok) {
    console.error(created.problems.join("\n"));
    process.exit(1);
  }
  console.log(`Administrator ${name} <${email}> created. Sign in, then add PCNs and people.`);
} finally {
  await db.destroy();
}
