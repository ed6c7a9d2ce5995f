/**
 * What supervisors and the owner see of evidence that is being changed: accepted evidence stays the accepted
 * record while an amendment is in progress, and a draft the owner never submitted is never shown to anyone else
 * (evidence page, list, competency page, matrix, review queue, PDF).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEvidence, moveEvidence, saveEvidence, type EvidenceInput } from "~/models/evidence.server";
import { gatherPortfolio } from "~/services/portfolio-export.server";
import { appraisalYear } from "~/domain/appraisal-year";
import * as competencyPage from "~/routes/people.$personId.competencies.$competencyId";
import * as evidencePage from "~/routes/evidence.$evidenceId._index";
import * as evidenceList from "~/routes/people.$personId.evidence";
import * as portfolio from "~/routes/people.$personId.portfolio";
import * as review from "~/routes/review";
import { getDb } from "~/lib/db.server";
import { makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

type Team = Awaited<ReturnType<typeof makeTeam>>;
let team: Team;
let owner: string;
let supervisor: string;
let amendedId: number;
let draftId: number;

const input = (fields: Partial<EvidenceInput>): EvidenceInput => ({
  title: "Accepted account of a home visit",
  activityDate: "2026-05-14",
  type: "reflective-account",
  whatHappened: "Accepted text of what happened.",
  whatLearned: "Listening first.",
  whatNext: "Ask about carers.",
  competencyIds: ["pc-1"],
  attachmentIds: [],
  patientDataFindings: null,
  ...fields,
});

beforeAll(async () => {
  const db = getDb();
  team = await makeTeam(db);
  const { coordinator } = team;
  owner = await cookieFor(coordinator.id);
  supervisor = await cookieFor(team.supervisor.id);
  const as = { id: coordinator.id, ip: null };
  amendedId = await createEvidence(db, coordinator, input({}), "test", as);
  await moveEvidence(db, amendedId, { action: "submit", as: "owner", pcnId: coordinator.pcnId }, as);
  await moveEvidence(
    db,
    amendedId,
    { action: "accept", as: "reviewer", pcnId: coordinator.pcnId },
    { id: team.supervisor.id, ip: null },
  );
  // The owner amends the accepted evidence: new title, text and an extra competency, not yet submitted.
  const saved = await saveEvidence(
    db,
    amendedId,
    coordinator,
    input({ title: "Amended title in progress", whatHappened: "Draft text.", competencyIds: ["pc-1", "pc-2"] }),
    as,
  );
  expect(saved.ok).toBe(true);
  draftId = await createEvidence(
    db,
    coordinator,
    input({ title: "Private draft never submitted", competencyIds: ["com-2"] }),
    "test",
    as,
  );
});

const personParams = () => ({ personId: String(team.coordinator.id) });
const competency = (cookie: string, id: string) =>
  load(competencyPage.loader, `/people/${team.coordinator.id}/competencies/${id}`, {
    cookie,
    params: { ...personParams(), competencyId: id },
  });
const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe("accepted evidence being amended", () => {
  it("the supervisor still sees the accepted version as the accepted record, marked as changes in progress", async () => {
    const page = await load(evidencePage.loader, `/evidence/${amendedId}`, {
      cookie: supervisor,
      params: { evidenceId: String(amendedId) },
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ status: "accepted", changesInProgress: true, acceptedVersion: 1, actions: [] });
    expect(page.data.current).toMatchObject({
      version: 1,
      title: "Accepted account of a home visit",
      whatHappened: "Accepted text of what happened.",
    });
    expect(page.data.earlier).toEqual([]);

    const onCompetency = await competency(supervisor, "pc-1");
    expect(onCompetency.data.evidence).toEqual([
      expect.objectContaining({
        id: amendedId,
        title: "Accepted account of a home visit",
        status: "accepted",
        changesInProgress: true,
      }),
    ]);
    expect(onCompetency.data.cell).toMatchObject({ evidenceCount: 1, acceptedCount: 1 });
    // The competency only the draft adds is untouched as far as the supervisor can tell.
    expect((await competency(supervisor, "pc-2")).data).toMatchObject({
      evidence: [],
      cell: { status: "not-started", evidenceCount: 0 },
    });
  });

  it("the owner's competency page shows the accepted record too; their evidence page shows the draft they are writing", async () => {
    const onCompetency = await competency(owner, "pc-1");
    expect(onCompetency.data.evidence).toEqual([
      expect.objectContaining({
        id: amendedId,
        title: "Accepted account of a home visit",
        status: "accepted",
        changesInProgress: true,
      }),
    ]);
    const page = await load(evidencePage.loader, `/evidence/${amendedId}`, {
      cookie: owner,
      params: { evidenceId: String(amendedId) },
    });
    expect(page.data).toMatchObject({ status: "draft", changesInProgress: true, acceptedVersion: 1 });
    expect(page.data.current).toMatchObject({ version: 2, title: "Amended title in progress" });
  });
});

describe("a draft the owner never submitted", () => {
  it("does not exist for the supervisor: evidence page, list, competency page, matrix, review queue and PDF", async () => {
    expect(
      (
        await load(evidencePage.loader, `/evidence/${draftId}`, {
          cookie: supervisor,
          params: { evidenceId: String(draftId) },
        })
      ).status,
    ).toBe(404);
    const list = await load(evidenceList.loader, `/people/${team.coordinator.id}/evidence`, {
      cookie: supervisor,
      params: personParams(),
    });
    expect(titles(list.data.items)).toEqual(["Accepted account of a home visit"]);
    expect(
      (
        await load(evidenceList.loader, `/people/${team.coordinator.id}/evidence?q=private`, {
          cookie: supervisor,
          params: personParams(),
        })
      ).data.total,
    ).toBe(0);
    expect((await competency(supervisor, "com-2")).data).toMatchObject({
      evidence: [],
      cell: { status: "not-started" },
    });
    const matrix = (
      await load(portfolio.loader, `/people/${team.coordinator.id}/portfolio`, {
        cookie: supervisor,
        params: personParams(),
      })
    ).data.matrix;
    const cell = (id: string) =>
      matrix
        .flatMap((a: { competencies: { id: string }[] }) => a.competencies)
        .find((c: { id: string }) => c.id === id);
    expect(cell("com-2")).toMatchObject({ status: "not-started", evidenceCount: 0 });
    expect((await load(review.loader, "/review", { cookie: supervisor })).data.queue).toEqual([]);

    const year = appraisalYear("2026-05-14", 4);
    const shared = (await gatherPortfolio(getDb(), team.coordinator.id, year, "shared"))!;
    expect(shared.evidence.map((e) => [e.title, e.status, e.version])).toEqual([
      ["Accepted account of a home visit", "accepted", 1],
    ]);
    expect(JSON.stringify(shared)).not.toMatch(/Private draft|Amended title|Draft text/);
  });

  it("is listed to its owner, and their own PDF keeps the accepted text of amended evidence", async () => {
    const list = await load(evidenceList.loader, `/people/${team.coordinator.id}/evidence`, {
      cookie: owner,
      params: personParams(),
    });
    expect(titles(list.data.items).sort()).toEqual([
      "Accepted account of a home visit",
      "Private draft never submitted",
    ]);
    expect((await competency(owner, "com-2")).data.cell).toMatchObject({ status: "developing", evidenceCount: 1 });
    const own = (await gatherPortfolio(getDb(), team.coordinator.id, appraisalYear("2026-05-14", 4), "owner"))!;
    expect(own.evidence.map((e) => [e.title, e.status])).toEqual([
      ["Accepted account of a home visit", "accepted"],
      ["Private draft never submitted", "draft"],
    ]);
  });
});
