/**
 * The demo PCN a new user meets after the first command: a lead, two supervisors, eight staff across the three
 * personalised care roles, and an administrator, with some evidence, training, CPD and supervision.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { makeArrangement, makePcn, makePerson } from "./lib/factories";
import { seedInductions } from "./seed-induction";
import { seedPortfolios } from "./seed-portfolios";

export const DEMO_PASSWORD = "care-portfolio-demo";

const STAFF = [
  {
    name: "Siân Williams",
    email: "coordinator@riverside-pcn.example",
    jobRole: "care-coordinator",
    fte: 1,
    startDate: "2024-09-02",
    supervisor: 0,
  },
  {
    name: "Mohammed Ali",
    email: "mohammed.ali@riverside-pcn.example",
    jobRole: "care-coordinator",
    fte: 0.8,
    startDate: "2025-02-03",
    supervisor: 0,
  },
  {
    name: "Zoë Clarke",
    email: "zoe.clarke@riverside-pcn.example",
    jobRole: "care-coordinator",
    fte: 0.4,
    startDate: "2025-06-16",
    supervisor: 1,
  },
  {
    name: "Jack Thompson",
    email: "jack.thompson@riverside-pcn.example",
    jobRole: "care-coordinator",
    fte: 1,
    startDate: "2026-10-05",
    supervisor: 1,
  },
  {
    name: "Aisha Begum",
    email: "aisha.begum@riverside-pcn.example",
    jobRole: "health-and-wellbeing-coach",
    fte: 1,
    startDate: "2024-04-08",
    supervisor: 0,
  },
  {
    name: "Liam O'Connor",
    email: "liam.oconnor@riverside-pcn.example",
    jobRole: "health-and-wellbeing-coach",
    fte: 0.6,
    startDate: "2025-11-03",
    supervisor: 1,
  },
  {
    name: "Chloé Martin",
    email: "chloe.martin@riverside-pcn.example",
    jobRole: "social-prescribing-link-worker",
    fte: 1,
    startDate: "2023-07-03",
    supervisor: 0,
  },
  {
    name: "Daniel Kowalski",
    email: "daniel.kowalski@riverside-pcn.example",
    jobRole: "social-prescribing-link-worker",
    fte: 0.8,
    startDate: "2025-09-01",
    supervisor: 1,
  },
] as const;

/** Seeds the demo when the database has nobody in it; returns whether it did. Seeding twice changes nothing. */
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
  const anyone = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyone) return false;

  const common = { password: DEMO_PASSWORD };
  await makePerson(db, {
    ...common,
    name: "Alex Morgan",
    email: "admin@care-portfolio.example",
    roles: ["admin"],
    jobRole: null,
    fte: null,
    startDate: null,
  });
  const pcn = await makePcn(db, {
    name: "Riverside Health PCN",
    odsCode: "U00042",
    icsName: "Example Integrated Care System",
  });
  await makePcn(db, { name: "Hillside Villages PCN", odsCode: "U00043", icsName: "Example Integrated Care System" });
  const lead = await makePerson(db, {
    ...common,
    pcnId: pcn.id,
    name: "Priya Shah",
    email: "lead@riverside-pcn.example",
    roles: ["lead"],
    jobRole: null,
    fte: 1,
    startDate: "2022-04-01",
  });
  const supervisors = [
    await makePerson(db, {
      ...common,
      pcnId: pcn.id,
      name: "Dr Tomos Evans",
      email: "supervisor@riverside-pcn.example",
      roles: ["supervisor"],
      jobRole: null,
      fte: 1,
      startDate: "2021-01-04",
    }),
    await makePerson(db, {
      ...common,
      pcnId: pcn.id,
      name: "Grace Okafor",
      email: "grace.okafor@riverside-pcn.example",
      roles: ["supervisor"],
      jobRole: null,
      fte: 0.8,
      startDate: "2022-09-05",
    }),
  ];
  const staff = [];
  for (const s of STAFF) {
    const person = await makePerson(db, {
      ...common,
      pcnId: pcn.id,
      name: s.name,
      email: s.email,
      roles: ["coordinator"],
      jobRole: s.jobRole,
      fte: s.fte,
      startDate: s.startDate,
    });
    const supervisor = supervisors[s.supervisor]!;
    await makeArrangement(db, person, supervisor.id, "supervisor", s.startDate);
    await makeArrangement(db, person, supervisor.id, "first-contact", s.startDate);
    await makeArrangement(db, person, lead.id, "line-manager", s.startDate);
    staff.push({ ...person, jobRole: s.jobRole, supervisorId: supervisor.id });
  }
  await seedPortfolios(db, staff);
  await seedInductions(db, staff);
  return true;
}
