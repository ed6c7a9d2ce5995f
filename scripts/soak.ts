/**
 * `npm run soak -- --rounds 50`: the crash-safety check. Staff submit evidence with uploads and CPD and a
 * supervisor signs off, all at once over HTTP, while the production server is killed with SIGKILL at random
 * moments and restarted. After each kill, every write the server acknowledged must be in the database with its file.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { prepareDataFolder, startServer, type LiveServer } from "./lib/live-server";
import { emptyAcknowledged, PortfolioClient } from "./lib/portfolio-client";
import { missingWrites } from "./lib/verify-writes";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("Usage: npm run soak -- --rounds <a whole number, 1 or more>");
  process.exit(2);
}

const STAFF = ["coordinator@riverside-pcn.example", "mohammed.ali@riverside-pcn.example", "aisha.begum@riverside-pcn.example"];
const SIGNED_OFF_COMPETENCY = "pc-2";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const folder = prepareDataFolder("care-portfolio-soak-");
let server: LiveServer = await startServer(folder);
const ack = emptyAcknowledged();
const staff = STAFF.map((email) => new PortfolioClient(server.baseUrl, email));
const supervisor = new PortfolioClient(server.baseUrl, "supervisor@riverside-pcn.example");
for (const client of [...staff, supervisor]) await client.signIn();
const staffIds = await Promise.all(staff.map((c) => c.personId()));
// Accepted evidence, so the supervisor may sign the competency off and withdraw it, again and again.
const accepted = await staff[0]!.addEvidence(ack, SIGNED_OFF_COMPETENCY);
if (accepted === null || !(await staff[0]!.moveEvidence(accepted, "submit")) || !(await supervisor.moveEvidence(accepted, "accept"))) {
  throw new Error("Could not set up accepted evidence for the sign-offs");
}

let failed = false;
for (let round = 1; round <= rounds; round += 1) {
  if (round > 1) {
    server = await startServer(folder);
    for (const client of [...staff, supervisor]) client.setServer(server.baseUrl);
  }
  let running = true;
  const loop = async (step: () => Promise<unknown>) => {
    while (running) await step().catch(() => undefined); // a request cut off by the kill is simply not acknowledged
  };
  const work = [
    ...staff.map((client, i) => loop(async () => (Math.random() < 0.5 ? client.addEvidence(ack) : client.addCpd(ack, staffIds[i]!)))),
    loop(() => supervisor.toggleSignoff(ack, staffIds[0]!, SIGNED_OFF_COMPETENCY)),
  ];
  await sleep(1000 + Math.random() * 2000);
  await server.stop("SIGKILL");
  running = false;
  await Promise.all(work);
  const problems = missingWrites(folder, ack);
  console.log(`Round ${round}/${rounds}: killed; ${ack.evidence.length} evidence uploads, ${ack.cpd.length} CPD entries, ${ack.signoffs.length} sign-offs acknowledged so far; ${problems.length ? `${problems.length} MISSING` : "all present"}.`);
  if (problems.length) {
    console.error(problems.slice(0, 20).join("\n"));
    failed = true;
    break;
  }
}

if (!failed && (ack.evidence.length < 2 || ack.cpd.length === 0 || ack.signoffs.length === 0)) {
  console.error("Too few writes were acknowledged to judge crash safety.");
  failed = true;
}
if (failed) {
  console.error(`Soak failed. The data is kept in ${folder.dir}`);
  process.exit(1);
}
fs.rmSync(folder.dir, { recursive: true, force: true });
console.log(`Soak passed: every acknowledged write survived ${rounds} SIGKILLs, with its file.`);
