/**
 * Gathering a portfolio's evidence for the PDF: the version each viewer is shown, with its reviews and files, read
 * in a fixed number of queries however many items the year holds.
 */
import fs from "node:fs";
import type { KyselyPlugin } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { appraisalYearOf } from "~/domain/appraisal-year";
import { competencyTitles } from "~/content/framework.server";
import { storeAttachment } from "~/models/attachment.server";
import { type EvidenceInput, moveEvidence, saveEvidence } from "~/models/evidence.server";
import { actOnGoal, createGoal } from "~/models/goals.server";
import { decideRating, rateCompetency } from "~/models/ratings.server";
import { gatherPortfolio } from "~/services/portfolio-export.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { evidenceInput, makeEvidence } from "../../scripts/lib/factories/evidence";
import { CERTIFICATE_JPEG, CERTIFICATE_PNG } from "../fixtures/pdf/certificates";

const YEAR = appraisalYearOf("2025/26")!;
const NOW = new Date("2026-11-25T12:00:00Z");

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
let owner: { id: number; pcnId: number | null; name: string };

/** Evidence whose "what next" names it, so the text shown can be told from another version's. */
const input = (title: string, activityDate: string, extra: Partial<EvidenceInput> = {}) =>
  evidenceInput({ title, activityDate, whatNext: `What next: ${title}`, ...extra });

beforeAll(async () => {
  const db = getDb();
  team = await makeTeam(db);
  owner = { id: team.coordinator.id, pcnId: team.pcn.id, name: team.coordinator.name };
  const reviewer = { outcome: "accepted" as const, reviewerId: team.supervisor.id, frameworkVersion: "2026.1" };
  const store = (file: string, kind: "png" | "jpeg", mime: string) =>
    storeAttachment(
      db,
      env().DATA_DIR,
      {
        ownerId: owner.id,
        pcnId: owner.pcnId,
        checked: { ok: true, kind, mime, safeName: file.split("/").pop()! },
        bytes: fs.readFileSync(file),
      },
      { id: owner.id, ip: null },
    );
  const png = await store(CERTIFICATE_PNG, "png", "image/png");
  const jpeg = await store(CERTIFICATE_JPEG, "jpeg", "image/jpeg");
  const save = (id: number, changed: EvidenceInput) => saveEvidence(db, id, owner, changed, { id: owner.id });

  await makeEvidence(
    db,
    owner,
    input("Annual review preparation", "2025-05-01", {
      competencyIds: ["pc-1", "com-1"],
      attachmentIds: [png.id, jpeg.id],
    }),
    { ...reviewer, comment: "Good reflection" },
  );
  const amended = await makeEvidence(db, owner, input("Discharge planning", "2025-06-01"), reviewer);
  await save(amended, input("Discharge planning, amended", "2025-06-01"));
  const returned = await makeEvidence(db, owner, input("Carer feedback", "2025-07-01"), {
    outcome: "returned",
    reviewerId: team.supervisor.id,
    comment: "Say what you will change",
  });
  await save(returned, input("Carer feedback, revised", "2025-07-01", { competencyIds: ["rel-1", "com-1"] }));
  await makeEvidence(db, owner, input("Draft thoughts", "2025-08-01"));
  await makeEvidence(db, owner, input("Awaiting review", "2025-09-01"), { outcome: "submitted" });
  const secondTry = await makeEvidence(db, owner, input("Second try", "2025-10-01"), {
    outcome: "returned",
    reviewerId: team.supervisor.id,
    comment: "Add what you learned",
  });
  await save(secondTry, input("Second try, with learning", "2025-10-01"));
  await moveEvidence(db, secondTry, { action: "submit", as: "owner", pcnId: owner.pcnId }, { id: owner.id, ip: null });
  await moveEvidence(
    db,
    secondTry,
    { action: "accept", as: "reviewer", pcnId: owner.pcnId },
    { id: team.supervisor.id, ip: null },
  );
  await makeEvidence(db, owner, input("Outside the year", "2026-05-01"), reviewer);
});

/** Counts every query run through the handle it returns. */
function counted() {
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries++;
      return args.result;
    },
  };
  return { db: getDb().withPlugin(counter), queries: () => queries };
}

describe("how many queries a portfolio takes", () => {
  it("is the same for 2 items as for 40, each with reviews and a file", async () => {
    const db = getDb();
    const few = await makePerson(db, { pcnId: team.pcn.id });
    const many = await makePerson(db, { pcnId: team.pcn.id });
    const png = await storeAttachment(
      db,
      env().DATA_DIR,
      {
        ownerId: many.id,
        pcnId: team.pcn.id,
        checked: { ok: true, kind: "png", mime: "image/png", safeName: "certificate.png" },
        bytes: fs.readFileSync(CERTIFICATE_PNG),
      },
      { id: many.id, ip: null },
    );
    for (const [person, count] of [
      [few, 2],
      [many, 40],
    ] as const) {
      for (let i = 0; i < count; i++)
        await makeEvidence(
          db,
          { id: person.id, pcnId: team.pcn.id },
          input(`Item ${i}`, "2025-06-01", { attachmentIds: person === many ? [png.id] : [] }),
          { outcome: "accepted", reviewerId: team.supervisor.id },
        );
    }
    const queriesFor = async (personId: number) => {
      const run = counted();
      const data = await gatherPortfolio(run.db, personId, YEAR, "shared", NOW);
      return { queries: run.queries(), items: data!.evidence.length };
    };
    const small = await queriesFor(few.id);
    const large = await queriesFor(many.id);
    expect([small.items, large.items]).toEqual([2, 40]);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThan(25);
  });
});

describe("the version each viewer is shown", () => {
  const titles = competencyTitles();
  const summary = (view: "owner" | "shared") =>
    gatherPortfolio(getDb(), owner.id, YEAR, view, NOW).then((data) =>
      data!.evidence.map((e) => ({
        title: e.title,
        status: e.status,
        version: e.version,
        competencies: e.competencies,
        whatNext: e.whatNext,
        reviews: e.reviews.map((r) => [r.action, r.by, r.version, r.comment]),
        attachments: e.attachments.map((a) => [a.fileName, a.mime, a.imagePath !== null && fs.existsSync(a.imagePath)]),
      })),
    );

  it("the owner sees their working copy, except that accepted text stays while an amendment is drafted", async () => {
    const me = owner.name;
    const them = team.supervisor.name;
    expect(await summary("owner")).toEqual([
      {
        title: "Annual review preparation",
        status: "accepted",
        version: 1,
        competencies: [titles["com-1"], titles["pc-1"]],
        whatNext: "What next: Annual review preparation",
        reviews: [
          ["submit", me, 1, null],
          ["accept", them, 1, "Good reflection"],
        ],
        attachments: [
          ["certificate.png", "image/png", true],
          ["certificate.jpg", "image/jpeg", true],
        ],
      },
      {
        title: "Discharge planning",
        status: "accepted",
        version: 1,
        competencies: [titles["pc-1"]],
        whatNext: "What next: Discharge planning",
        reviews: [
          ["submit", me, 1, null],
          ["accept", them, 1, null],
        ],
        attachments: [],
      },
      {
        title: "Carer feedback, revised",
        status: "returned",
        version: 2,
        competencies: [titles["com-1"], titles["rel-1"]],
        whatNext: "What next: Carer feedback, revised",
        reviews: [
          ["submit", me, 1, null],
          ["return", them, 1, "Say what you will change"],
        ],
        attachments: [],
      },
      {
        title: "Draft thoughts",
        status: "draft",
        version: 1,
        competencies: [titles["pc-1"]],
        whatNext: "What next: Draft thoughts",
        reviews: [],
        attachments: [],
      },
      {
        title: "Awaiting review",
        status: "submitted",
        version: 1,
        competencies: [titles["pc-1"]],
        whatNext: "What next: Awaiting review",
        reviews: [["submit", me, 1, null]],
        attachments: [],
      },
      {
        title: "Second try, with learning",
        status: "accepted",
        version: 2,
        competencies: [titles["pc-1"]],
        whatNext: "What next: Second try, with learning",
        reviews: [
          ["submit", me, 1, null],
          ["return", them, 1, "Add what you learned"],
          ["submit", me, 2, null],
          ["accept", them, 2, null],
        ],
        attachments: [],
      },
    ]);
  });

  it("others see only what was submitted, with the status its last review left it in", async () => {
    const shared = await summary("shared");
    expect(shared.map((e) => [e.title, e.status, e.version, e.reviews.length])).toEqual([
      ["Annual review preparation", "accepted", 1, 2],
      ["Discharge planning", "accepted", 1, 2],
      ["Carer feedback", "returned", 1, 2],
      ["Awaiting review", "submitted", 1, 1],
      ["Second try, with learning", "accepted", 2, 4],
    ]);
    expect(shared[2]!.competencies).toEqual([titles["pc-1"]]);
  });
});

describe("the self-assessment and development plan in a portfolio", () => {
  const VERSIONS = { framework: "test", scale: "test" };
  const goal = (title: string, targetDate: string, competencyIds: string[]) => ({
    title,
    reason: "People could support each other.",
    competencyIds,
    methods: ["shadowing" as const],
    trainingRequirementId: null,
    howDetails: null,
    targetDate,
  });

  it("shows the latest self-rating beside the confirmed one, and the year's goals with their status and agreement", async () => {
    const db = getDb();
    const person = await makePerson(db, { pcnId: team.pcn.id });
    const owner = { id: person.id, pcnId: team.pcn.id };
    const asOwner = { id: person.id };
    const first = await rateCompetency(
      db,
      owner,
      { competencyId: "pc-1", level: "developing", note: null },
      VERSIONS,
      asOwner,
    );
    await decideRating(db, owner, first, { action: "request", role: "owner", comment: null }, asOwner);
    await decideRating(
      db,
      owner,
      first,
      { action: "confirm", role: "supervisor", comment: null },
      { id: team.supervisor.id },
    );
    await rateCompetency(db, owner, { competencyId: "pc-1", level: "competent", note: null }, VERSIONS, asOwner);
    await rateCompetency(db, owner, { competencyId: "com-1", level: "not-yet", note: null }, VERSIONS, asOwner);
    const achieved = await createGoal(
      db,
      owner,
      goal("Lead a group session", "2025-09-30", ["pc-1", "com-1"]),
      asOwner,
    );
    const step = { text: null, today: "2025-06-01", startMonth: 4 };
    await actOnGoal(db, owner, achieved, { action: "agree", role: "supervisor", ...step }, { id: team.supervisor.id });
    await actOnGoal(db, owner, achieved, { action: "achieve", role: "owner", ...step }, asOwner);
    await createGoal(db, owner, goal("Shadow a social prescriber", "2026-03-31", []), asOwner);
    await createGoal(db, owner, goal("Next year's goal", "2026-04-01", ["pc-1"]), asOwner);

    const data = (await gatherPortfolio(db, person.id, YEAR, "shared", NOW))!;
    const titles = competencyTitles();
    const competencies = data.selfAssessment.areas.flatMap((a) => a.competencies);
    expect(data.selfAssessment.levels).toEqual(["Not yet", "Developing", "Competent", "Confident to teach others"]);
    expect(competencies.find((c) => c.title === titles["pc-1"])).toMatchObject({
      self: { level: "Competent" },
      confirmed: { level: "Developing" },
    });
    expect(competencies.find((c) => c.title === titles["com-1"])).toMatchObject({
      self: { level: "Not yet" },
      confirmed: null,
    });
    expect(competencies.filter((c) => c.self)).toHaveLength(2);
    expect(data.plan.goals).toEqual([
      {
        title: "Lead a group session",
        targetDate: "2025-09-30",
        status: "achieved",
        statusReason: null,
        agreedBy: team.supervisor.name,
        agreedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        competencies: [titles["com-1"], titles["pc-1"]],
      },
      {
        title: "Shadow a social prescriber",
        targetDate: "2026-03-31",
        status: "not-started",
        statusReason: null,
        agreedBy: null,
        agreedAt: null,
        competencies: [],
      },
    ]);
  });

  it("takes as many queries for one rating and goal as for thirty of each", async () => {
    const db = getDb();
    const few = await makePerson(db, { pcnId: team.pcn.id });
    const many = await makePerson(db, { pcnId: team.pcn.id });
    const competencyIds = ["pc-1", "pc-2", "com-1"];
    for (const [person, count] of [
      [few, 1],
      [many, 30],
    ] as const) {
      const owner = { id: person.id, pcnId: team.pcn.id };
      for (let i = 0; i < count; i++) {
        const competencyId = competencyIds[i % competencyIds.length]!;
        await rateCompetency(db, owner, { competencyId, level: "competent", note: null }, VERSIONS, { id: person.id });
        await createGoal(db, owner, goal(`Goal ${i}`, "2025-10-01", competencyIds), { id: person.id });
      }
    }
    const queriesFor = async (personId: number) => {
      const run = counted();
      const data = (await gatherPortfolio(run.db, personId, YEAR, "shared", NOW))!;
      return { queries: run.queries(), goals: data.plan.goals.length };
    };
    const small = await queriesFor(few.id);
    const large = await queriesFor(many.id);
    expect([small.goals, large.goals]).toEqual([1, 30]);
    expect(large.queries).toBe(small.queries);
  });
});
