/**
 * The server's peak memory when people sign in at the same moment (ADR 0023): the production build with the real
 * password hash cost, on the demo data, one process. Prints the process's peak resident memory (VmHWM) from its
 * start to the end of the sign-ins. Run after `npm run build`:
 *
 *   npx tsx scripts/sign-in-memory.ts [--people 8] [--earlier-hashes]
 *
 * `--earlier-hashes` first stores every password with the settings used before 27 November 2026 (N = 2^17, r = 8,
 * p = 1: 128 MiB a hash), as a database that has not seen its people sign in since holds them.
 */
import { randomBytes, scryptSync } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { peakMemoryMb } from "./lib/bench/server";
import { prepareDataFolder, startServer } from "./lib/live-server";
import { DEMO_PASSWORD, PortfolioClient } from "./lib/portfolio-client";

const { values } = parseArgs({
  options: { people: { type: "string", default: "8" }, "earlier-hashes": { type: "boolean", default: false } },
});
const people = Number(values.people);

// An empty cost setting is the default, as in production.
const folder = prepareDataFolder("care-portfolio-sign-in-memory-", { PASSWORD_HASH_COST_LOG2: "" });
const db = new Database(folder.databasePath);
const emails = (
  db.prepare("select email from users where active = 1 and password_hash is not null order by id").all() as {
    email: string;
  }[]
).map((row) => row.email);
if (emails.length < people) throw new Error(`The demo data has ${emails.length} people who can sign in`);
if (values["earlier-hashes"]) {
  const earlier = () => {
    const salt = randomBytes(16);
    const key = scryptSync(DEMO_PASSWORD, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 });
    return ["scrypt", 2 ** 17, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
  };
  const store = db.prepare("update users set password_hash = ? where email = ?");
  for (const email of emails) store.run(earlier(), email);
}
db.close();

const server = await startServer(folder);
try {
  const pid = server.child.pid!;
  const ready = peakMemoryMb([pid]);
  const clients = emails.slice(0, people).map((email) => new PortfolioClient(server.baseUrl, email));
  await Promise.all(clients.map((client) => client.signIn())); // throws unless every one is let in
  const check = new Database(folder.databasePath, { readonly: true });
  const stored = check.prepare("select password_hash from users where password_hash is not null").pluck().all();
  check.close();
  // The settings part of each hash ("scrypt$N$r$p"): those signed in have been stored again with today's.
  const settings = [...new Set((stored as string[]).map((hash) => hash.split("$").slice(0, 4).join("$")))];
  console.log(
    JSON.stringify({
      people,
      peakOnceReadyMb: Math.round(ready),
      peakAfterSignInsMb: Math.round(peakMemoryMb([pid])),
      hashSettingsAfter: settings,
    }),
  );
} finally {
  await server.stop();
  fs.rmSync(folder.dir, { recursive: true, force: true });
}
