/**
 * The pages everyone opens all day ask the database only for what they show (issue 12): the competency page works
 * out its own competency rather than the whole matrix, the evidence list counts with its page, and the home page
 * reads everyone's training records once. What each page shows stays what it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/index.server";
import { todayInLondon } from "~/domain/training-status";
import { getDb } from "~/lib/db.server";
import { saveEvidence } from "~/models/evidence.server";
import { recordSignoff } from "~/models/signoff.server";
import { loadSignedInUser } from "~/models/user.server";
import * as home from "~/routes/_index";
import * as competencyPage from "~/routes/people.$personId.competencies.$competencyId";
import * as evidenceList from "~/routes/people.$personId.evidence";
import {
  expiringTrainingFor,
  readinessFor,
  supervisionDueFor,
  visibleStaff,
} from "~/services/compliance-readiness.server";
import { matrixFor } from "~/services/portfolio-page.server";
import { makeArrangement, makePcn, makePerson } from "../../scripts/lib/factories";
import { makeTraining } from "../../scripts/lib/factories/compliance";
import { evidenceInput, makeEvidence } from "../../scripts/lib/factories/evidence";
import { cookieFor, load } from "./harness";
import { watchStatements } from "./statements-sent";

const statements = watchStatements();
const sent = () => statements.sent();

type Person = Awaited<ReturnType<typeof makePerson>>;
let supervisor: Person;
let owner: Person;
let colleague: Person;
let cookies: { owner: string; supervisor: string };

beforeAll(async () => {
  const db = getDb();
  const pcn = await makePcn(db);
  supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor", "coordinator"] });
  owner = await makePerson(db, { pcnId: pcn.id, name: "Ola Owner" });
  colleague = await makePerson(db, { pcnId: pcn.id, name: "Cai Colleague", jobRole: "health-and-wellbeing-coach" });
  await makeArrangement(db, owner, supervisor.id);
  await makeArrangement(db, colleague, supervisor.id);
  const review = { reviewerId: supervisor.id };
  // Every state a competency's evidence can be in, as its owner and as others see it.
  const amended = await makeEvidence(
    db,
    owner,
    { activityDate: "2026-03-01", competencyIds: ["pc-1"] },
    { ...review, outcome: "accepted" },
  );
  const changed = await saveEvidence(
    db,
    amended,
    owner,
    evidenceInput({ activityDate: "2026-09-30", competencyIds: ["pc-1", "pc-2"] }),
    { id: owner.id, ip: null },
  );
  expect(changed.ok).toBe(true);
  await makeEvidence(
    db,
    owner,
    { activityDate: "2026-05-01", competencyIds: ["pc-1", "pc-3"] },
    { outcome: "submitted" },
  );
  await makeEvidence(
    db,
    owner,
    { activityDate: "2026-06-01", competencyIds: ["pc-2"] },
    { ...review, outcome: "returned" },
  );
  await makeEvidence(db, owner, { activityDate: "2026-10-20", competencyIds: ["com-2"] });
  await makeEvidence(
    db,
    owner,
    { activityDate: "2026-02-02", competencyIds: ["pc-3"] },
    { ...review, outcome: "accepted" },
  );
  for (let day = 10; day < 35; day += 1)
    await makeEvidence(db, owner, {
      title: `Entry ${day}`,
      activityDate: `2026-07-${String(day - 5).padStart(2, "0")}`,
    });
  const decide = async (competencyId: string, action: "sign-off" | "withdraw") => {
    const decided = await recordSignoff(
      db,
      {
        userId: owner.id,
        pcnId: pcn.id,
        competencyId,
        action,
        comment: "Seen in practice",
        frameworkVersion: "2026.1",
      },
      { id: supervisor.id, ip: null },
    );
    expect(decided.ok).toBe(true);
  };
  await decide("pc-3", "sign-off");
  await decide("pc-1", "sign-off");
  await decide("pc-1", "withdraw");
  // Training that has run out or soon will, for everyone's home panels.
  const completed = {
    "information-governance": "2020-01-15",
    "fire-safety": "2025-12-01",
    "safeguarding-adults": "2026-01-15",
  };
  for (const [requirement, completedOn] of Object.entries(completed))
    for (const person of [supervisor, owner, colleague]) await makeTraining(db, person, requirement, { completedOn });
  cookies = { owner: await cookieFor(owner.id), supervisor: await cookieFor(supervisor.id) };
}, 120_000);

const competencyIds = () => getContent().framework.areas.flatMap((a) => a.competencies.map((c) => c.id));

const competency = (cookie: string, id: string) =>
  load(competencyPage.loader, `/people/${owner.id}/competencies/${id}`, {
    cookie,
    params: { personId: String(owner.id), competencyId: id },
  });

describe("the competency page", () => {
  it.each(["owner", "supervisor"] as const)(
    "shows the %s the same standing as the matrix does, for every competency",
    async (who) => {
      const viewer = (await loadSignedInUser(getDb(), who === "owner" ? owner.id : supervisor.id))!.viewer;
      const cells = (await matrixFor(viewer, owner.id)).flatMap((a) => a.competencies);
      expect(cells.filter((c) => c.evidenceCount > 0).length).toBeGreaterThanOrEqual(3);
      for (const cell of cells) {
        const page = await competency(cookies[who], cell.id);
        expect(page.status).toBe(200);
        expect(page.data.cell).toEqual(cell);
      }
      expect(competencyIds()).toEqual(cells.map((c) => c.id));
    },
  );

  it("reads its own competency's rows, not the whole matrix: four statements after the signed-in user", async () => {
    await competency(cookies.supervisor, "pc-1");
    statements.clear();
    const page = await competency(cookies.supervisor, "pc-1");
    // The signed-in user (1), the person (2) and the page: its evidence, their competencies, the sign-offs, the
    // accepted count.
    expect(sent().length).toBe(1 + 2 + 4);
    expect(page.data.cell).toMatchObject({ status: "withdrawn", evidenceCount: 2, acceptedCount: 1 });
  });
});

describe("the evidence list", () => {
  const list = (query: string) =>
    load(evidenceList.loader, `/people/${owner.id}/evidence${query}`, {
      cookie: cookies.owner,
      params: { personId: String(owner.id) },
    });

  it("counts its items with the page it shows: two statements after the signed-in user", async () => {
    await list("");
    statements.clear();
    const page = await list("");
    expect(sent().length).toBe(1 + 2);
    expect(page.data.total).toBe(30);
    expect(page.data.items).toHaveLength(20);
  });

  it("still says how many there are on a page past the last, and on a filtered page", async () => {
    expect((await list("?page=2")).data).toMatchObject({ total: 30, page: 2 });
    expect((await list("?page=2")).data.items).toHaveLength(10);
    expect((await list("?page=3")).data).toMatchObject({ total: 30, page: 3, items: [] });
    expect((await list("?competency=pc-3")).data.total).toBe(2);
    expect((await list("?competency=pc-3&page=2")).data).toMatchObject({ total: 2, items: [] });
    expect((await list("?q=no+such+words")).data).toMatchObject({ total: 0, items: [] });
  });
});

describe("the home page", () => {
  const homeOf = (cookie: string) => load(home.loader, "/", { cookie });

  it("reads the training records of the user and their team once", async () => {
    await homeOf(cookies.supervisor);
    statements.clear();
    await homeOf(cookies.supervisor);
    expect(sent().filter((text) => /from "training_records"/.test(text))).toHaveLength(1);
    expect(sent().filter((text) => /select max\("m"\."met_on"\)/.test(text))).toHaveLength(1);
  });

  it("shows the user's own panels and their team's as each was worked out on its own", async () => {
    const data = (await homeOf(cookies.supervisor)).data;
    const viewer = (await loadSignedInUser(getDb(), supervisor.id))!.viewer;
    const today = todayInLondon(new Date());
    const self = [{ id: supervisor.id, name: supervisor.name, jobRole: supervisor.jobRole }];
    const team = (await visibleStaff(getDb(), viewer)).filter((p) => p.id !== supervisor.id);
    expect(team.map((p) => p.id).sort()).toEqual([owner.id, colleague.id].sort());
    expect(data.ownReadiness).toEqual((await readinessFor(getDb(), self, today))[0]);
    expect(data.ownSupervision).toEqual((await supervisionDueFor(getDb(), self, today))[0] ?? null);
    expect(data.ownExpiries).toEqual(await expiringTrainingFor(getDb(), self, today));
    expect(data.teamReadiness).toEqual(await readinessFor(getDb(), team, today));
    expect(data.supervisionDue).toEqual(await supervisionDueFor(getDb(), team, today));
    expect(data.teamExpiries).toEqual(await expiringTrainingFor(getDb(), team, today));
    expect(data.ownExpiries.length + data.teamExpiries.length).toBeGreaterThan(0);
  });
});
