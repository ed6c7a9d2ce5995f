/**
 * `npm run soak -- --rounds 50`: the crash-safety check. Staff submit evidence with uploads and CPD and a
 * supervisor signs off, all at once over HTTP, while the production server is killed with SIGKILL at random
 * moments and restarted. After each kill, every write the server acknowledged must be in the database with its file.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { prepareDataFolder, startServer } from "./lib/live-server";
import { emptyAcknowledged } from "./lib/portfolio-client";
import { missingWrites } from "./lib/verify-writes";
import { demoTeam, startWriting } from "./lib/workload";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("Usage: npm run soak -- --rounds <a whole number, 1 or more>");
  process.exit(2);
}

const folder = prepareDataFolder("care-portfolio-soak-");
const ack = emptyAcknowledged();
let server = await startServer(folder);
const team = await demoTeam(server.baseUrl, ack);

let failed = false;
for (let round = 1; round <= rounds; round += 1) {
  if (round > 1) {
    server = await startServer(folder);
    team.moveTo(server.baseUrl);
  }
  const stopWriting = startWriting(team, ack);
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
  await server.stop("SIGKILL");
  await stopWriting();
  const problems = missingWrites(folder, ack);
  console.log(
    `Round ${round}/${rounds}: killed; ${ack.evidence.length} evidence uploads, ${ack.cpd.length} CPD entries, ${ack.signoffs.length} sign-offs acknowledged so far; ${problems.length ? `${problems.length} MISSING` : "all present"}.`,
  );
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
