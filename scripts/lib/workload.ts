/**
 * Demo staff writing at once over HTTP: three staff add evidence with uploads and CPD entries, a supervisor signs a
 * competency off and withdraws it in turn. Used by the soak and the backup checks.
 */
import { type Acknowledged, PortfolioClient } from "./portfolio-client";

const STAFF = [
  "coordinator@riverside-pcn.example",
  "mohammed.ali@riverside-pcn.example",
  "aisha.begum@riverside-pcn.example",
];
const SIGNED_OFF_COMPETENCY = "pc-2";

export interface Team {
  staff: PortfolioClient[];
  staffIds: number[];
  supervisor: PortfolioClient;
  /** Points every client at a restarted server (sessions live in the database, so they carry on). */
  moveTo: (baseUrl: string) => void;
}

/** Signs everyone in and gives the supervisor accepted evidence to sign off against. */
export async function demoTeam(baseUrl: string, ack: Acknowledged): Promise<Team> {
  const staff = STAFF.map((email) => new PortfolioClient(baseUrl, email));
  const supervisor = new PortfolioClient(baseUrl, "supervisor@riverside-pcn.example");
  for (const client of [...staff, supervisor]) await client.signIn();
  const staffIds = await Promise.all(staff.map((c) => c.personId()));
  const accepted = await staff[0]!.addEvidence(ack, SIGNED_OFF_COMPETENCY);
  if (
    accepted === null ||
    !(await staff[0]!.moveEvidence(accepted, "submit")) ||
    !(await supervisor.moveEvidence(accepted, "accept"))
  ) {
    throw new Error("Could not set up accepted evidence for the sign-offs");
  }
  return { staff, staffIds, supervisor, moveTo: (url) => [...staff, supervisor].forEach((c) => c.setServer(url)) };
}

/** Starts everyone writing in a loop; the returned function stops them and waits for requests in flight. */
export function startWriting(team: Team, ack: Acknowledged): () => Promise<void> {
  let running = true;
  const loop = async (step: () => Promise<unknown>) => {
    while (running) await step().catch(() => undefined); // a request cut off by a kill is simply not acknowledged
  };
  const work = [
    ...team.staff.map((client, i) =>
      loop(async () => (Math.random() < 0.5 ? client.addEvidence(ack) : client.addCpd(ack, team.staffIds[i]!))),
    ),
    loop(() => team.supervisor.toggleSignoff(ack, team.staffIds[0]!, SIGNED_OFF_COMPETENCY)),
  ];
  return async () => {
    running = false;
    await Promise.all(work);
  };
}
