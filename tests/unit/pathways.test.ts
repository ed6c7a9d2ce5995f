/**
 * Development pathway gaps (ADR 0021), worked out from the content fixtures: a competency is met by a confirmed
 * rating at the level asked or above (never a self-rating), training by a completed record still in date, and the
 * goals for what is missing are added once. Also the loader's checks of content/pathways.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "~/content/load.server";
import {
  alreadyPlanned,
  goalsForMissing,
  pathwaysProgress,
  reachesLevel,
  type PersonFacts,
  type PlanCoverage,
} from "~/domain/pathways";
import type { TrainingRecord } from "~/domain/readiness";
import type { RatingRecord } from "~/domain/self-assessment";
import type { RatingState } from "~/domain/vocabulary";

const FIXTURE = path.resolve("tests/fixtures/content/minimal");
const content = loadContent(FIXTURE);
const [specialist, entry] = content.pathways.pathways;
const TODAY = "2026-06-01";
const rules = {
  levels: content.proficiencyScale.levels.map((l) => l.id),
  requirements: new Map(content.trainingRequirements.requirements.map((r) => [r.id, r])),
  today: TODAY,
};
const names = {
  pathway: "Specialist route",
  competency: (id: string) => `competency ${id}`,
  level: (id: string) => `level ${id}`,
  training: (id: string) => `training ${id}`,
};

const noPlan = (): PlanCoverage => ({ competencyIds: new Set(), trainingIds: new Set() });
let nextId = 1;
function rating(competencyId: string, level: string, status: RatingState, day = "2026-05-01"): RatingRecord {
  const decided = status === "confirmed" || status === "returned";
  return {
    id: nextId++,
    competencyId,
    level,
    ratedAt: `${day}T09:00:00.000Z`,
    status,
    decidedAt: decided ? `${day}T10:00:00.000Z` : null,
  };
}
function training(requirementId: string, overrides: Partial<TrainingRecord> = {}): TrainingRecord {
  return { requirementId, status: "completed", completedOn: "2026-01-10", verifiedAt: null, ...overrides };
}
const facts = (overrides: Partial<PersonFacts> = {}): PersonFacts => ({
  ratings: [],
  training: [],
  plan: noPlan(),
  ...overrides,
});
const progressOf = (f: PersonFacts) => pathwaysProgress([specialist!, entry!], f, rules);
const statesOf = (f: PersonFacts) => progressOf(f)[0]!.pieces.map((p) => p.state);

describe("how close a person is to each pathway", () => {
  it("has everything missing for someone with no ratings, training or goals", () => {
    const [first, second] = progressOf(facts());
    expect(first).toMatchObject({ pathwayId: "specialist", met: 0, total: 4 });
    expect(first!.pieces.map((p) => p.state)).toEqual(["missing", "missing", "missing", "missing"]);
    expect(second).toMatchObject({ pathwayId: "entry", met: 0, total: 1 });
  });

  it("counts a competency only when a supervisor has confirmed it at the level asked or above", () => {
    expect(statesOf(facts({ ratings: [rating("a-1", "competent", "self-rated")] }))[0]).toBe("missing");
    expect(statesOf(facts({ ratings: [rating("a-1", "competent", "awaiting-confirmation")] }))[0]).toBe("missing");
    expect(statesOf(facts({ ratings: [rating("a-1", "competent", "returned")] }))[0]).toBe("missing");
    expect(statesOf(facts({ ratings: [rating("a-1", "not-yet", "confirmed")] }))[0]).toBe("missing");
    expect(statesOf(facts({ ratings: [rating("a-1", "competent", "confirmed")] }))[0]).toBe("met");
  });

  it("keeps a confirmed level when a later self-rating is lower, and shows both", () => {
    const ratings = [rating("a-1", "competent", "confirmed", "2026-03-01"), rating("a-1", "not-yet", "self-rated")];
    const piece = progressOf(facts({ ratings }))[0]!.pieces[0]!;
    expect(piece).toMatchObject({ state: "met", confirmedLevel: "competent", selfLevel: "not-yet" });
  });

  it("needs a confirmed rating even for the lowest level, and a level the scale no longer has reaches nothing", () => {
    expect(statesOf(facts())[1]).toBe("missing");
    expect(statesOf(facts({ ratings: [rating("a-2", "not-yet", "confirmed")] }))[1]).toBe("met");
    expect(statesOf(facts({ ratings: [rating("a-1", "expert", "confirmed")] }))[0]).toBe("missing");
    expect(reachesLevel(rules.levels, "expert", "not-yet")).toBe(false);
  });

  it("counts training completed and in date, not training under way, expired or without a date", () => {
    const stateOfCourse = (record: TrainingRecord) => statesOf(facts({ training: [record] }))[2];
    expect(stateOfCourse(training("course"))).toBe("met");
    expect(stateOfCourse(training("course", { status: "undertaking", completedOn: null }))).toBe("missing");
    expect(stateOfCourse(training("course", { completedOn: null }))).toBe("missing");
    // The refresher lasts 12 months: done 13 months ago it has expired; 11 months ago it is expiring soon, still met.
    const refresher = (completedOn: string, local?: number) =>
      statesOf(facts({ training: [training("refresher", { completedOn, localRenewalMonths: local })] }))[3];
    expect(refresher("2025-05-01")).toBe("missing");
    expect(refresher("2025-07-01")).toBe("met");
    // A PCN's own shorter period applies.
    expect(refresher("2025-07-01", 6)).toBe("missing");
  });

  it("marks what is not met but an open goal already works on as in the plan", () => {
    const plan = { competencyIds: new Set(["a-1"]), trainingIds: new Set(["refresher"]) };
    expect(statesOf(facts({ plan }))).toEqual(["planned", "missing", "missing", "planned"]);
    // Met stays met whatever the plan holds.
    expect(statesOf(facts({ plan, training: [training("refresher")] }))[3]).toBe("met");
  });
});

describe("the goals for a pathway's missing pieces", () => {
  it("are one per missing piece: a level in a competency through supervision, or the training from the catalogue", () => {
    const progress = progressOf(
      facts({
        ratings: [rating("a-2", "not-yet", "confirmed")],
        plan: { ...noPlan(), trainingIds: new Set(["course"]) },
      }),
    )[0]!;
    expect(goalsForMissing(progress, names, "2026-12-01")).toEqual([
      {
        title: 'Reach "level competent" in competency a-1',
        reason:
          'The Specialist route route asks for this competency at "level competent" or above, confirmed by a supervisor.',
        competencyIds: ["a-1"],
        methods: ["supervision"],
        trainingRequirementId: null,
        howDetails: null,
        targetDate: "2026-12-01",
      },
      {
        title: "Complete training refresher",
        reason: "The Specialist route route asks for this training.",
        competencyIds: [],
        methods: ["training"],
        trainingRequirementId: "refresher",
        howDetails: null,
        targetDate: "2026-12-01",
      },
    ]);
  });

  it("are none when everything is met", () => {
    const progress = progressOf(
      facts({
        ratings: [rating("a-1", "competent", "confirmed"), rating("a-2", "competent", "confirmed")],
        training: [training("course"), training("refresher", { completedOn: "2026-05-01" })],
      }),
    )[0]!;
    expect(progress).toMatchObject({ met: 4, total: 4 });
    expect(goalsForMissing(progress, names, "2026-12-01")).toEqual([]);
  });

  it("count a goal on the same training or one of the same competencies as already planned", () => {
    const plan = { competencyIds: new Set(["a-1"]), trainingIds: new Set(["course"]) };
    expect(alreadyPlanned({ competencyIds: ["b-1", "a-1"], trainingRequirementId: null }, plan)).toBe(true);
    expect(alreadyPlanned({ competencyIds: ["b-1"], trainingRequirementId: null }, plan)).toBe(false);
    expect(alreadyPlanned({ competencyIds: ["a-1"], trainingRequirementId: "refresher" }, plan)).toBe(false);
    expect(alreadyPlanned({ competencyIds: [], trainingRequirementId: "course" }, plan)).toBe(true);
  });
});

describe("for any ratings, training and plan", () => {
  const competencyIds = ["a-1", "a-2", "b-1"];
  const requirementIds = ["course", "refresher", "nice-to-have"];
  const arbitraryRating = fc.record({
    competencyId: fc.constantFrom(...competencyIds),
    level: fc.constantFrom(...rules.levels, "retired-level"),
    status: fc.constantFrom<RatingState>("self-rated", "awaiting-confirmation", "confirmed", "returned"),
    day: fc.integer({ min: 1, max: 28 }).map((d) => `2026-05-${String(d).padStart(2, "0")}`),
  });
  const arbitraryTraining = fc.record({
    requirementId: fc.constantFrom(...requirementIds),
    status: fc.constantFrom("enrolled" as const, "undertaking" as const, "completed" as const),
    completedOn: fc.option(fc.constantFrom("2024-01-01", "2025-06-15", "2026-05-01"), { nil: null }),
    verifiedAt: fc.constant(null),
  });
  const arbitraryFacts = fc
    .record({
      ratings: fc.array(arbitraryRating, { maxLength: 8 }),
      training: fc.array(arbitraryTraining, { maxLength: 6 }),
      planned: fc.subarray([...competencyIds, ...requirementIds]),
    })
    .map((f): PersonFacts => ({
      ratings: f.ratings.map((r) => rating(r.competencyId, r.level, r.status, r.day)),
      training: f.training,
      plan: {
        competencyIds: new Set(f.planned.filter((id) => competencyIds.includes(id))),
        trainingIds: new Set(f.planned.filter((id) => requirementIds.includes(id))),
      },
    }));

  it("counts every piece once, and self-ratings never change what is met", () => {
    fc.assert(
      fc.property(arbitraryFacts, (person) => {
        const withoutSelfRatings = { ...person, ratings: person.ratings.filter((r) => r.status === "confirmed") };
        for (const [progress, confirmedOnly] of progressOf(person).map(
          (p, i) => [p, progressOf(withoutSelfRatings)[i]!] as const,
        )) {
          expect(progress.pieces.length).toBe(progress.total);
          expect(progress.met).toBe(progress.pieces.filter((p) => p.state === "met").length);
          expect(progress.pieces.map((p) => p.state)).toEqual(confirmedOnly.pieces.map((p) => p.state));
        }
      }),
    );
  });

  it("adds goals only for what is missing, and nothing once they are in the plan", () => {
    fc.assert(
      fc.property(arbitraryFacts, (person) => {
        const progress = progressOf(person)[0]!;
        const drafts = goalsForMissing(progress, names, "2026-12-01");
        expect(drafts.length).toBe(progress.pieces.filter((p) => p.state === "missing").length);
        for (const draft of drafts) expect(alreadyPlanned(draft, person.plan)).toBe(false);
        const plan = {
          competencyIds: new Set([...person.plan.competencyIds, ...drafts.flatMap((d) => d.competencyIds)]),
          trainingIds: new Set([...person.plan.trainingIds, ...drafts.flatMap((d) => d.trainingRequirementId ?? [])]),
        };
        expect(goalsForMissing(progressOf({ ...person, plan })[0]!, names, "2026-12-01")).toEqual([]);
      }),
    );
  });
});

describe("content/pathways.json", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test breaks the JSON in its own way
  function problemsWith(change: (json: any) => void): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-test-"));
    dirs.push(dir);
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const file = path.join(dir, "pathways.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    change(json);
    fs.writeFileSync(file, JSON.stringify(json));
    try {
      loadContent(dir);
    } catch (error) {
      if (error instanceof ContentError) return error.problems.map((p) => p.replace(/^.*pathways\.json: /, ""));
      throw error;
    }
    return [];
  }

  it("loads the repository's pathways, each naming competencies, levels and training that exist", () => {
    const live = loadContent(path.resolve("content"));
    expect(live.pathways.pathways.map((p) => p.kind)).toEqual(
      expect.arrayContaining(["specialist-setting", "management", "entry-route"]),
    );
    expect(problemsWith(() => undefined)).toEqual([]);
  });

  it("reports competencies, levels and training the other files do not define", () => {
    expect(
      problemsWith((json) => {
        json.pathways[0].competencies[0] = { competencyId: "z-9", level: "expert" };
        json.pathways[0].training.push("no-such-course");
      }),
    ).toEqual([
      'pathways[0].competencies[0].competencyId: unknown competency "z-9" (not in framework.json)',
      'pathways[0].competencies[0].level: unknown level "expert" (not in proficiency-scale.json)',
      'pathways[0].training[2]: unknown requirement "no-such-course" (not in training-requirements.json)',
    ]);
  });

  it("reports a repeated pathway, competency or training, and a pathway that asks for nothing", () => {
    expect(
      problemsWith((json) => {
        json.pathways[1].id = "specialist";
        json.pathways[0].competencies.push({ competencyId: "a-1", level: "not-yet" });
        json.pathways[0].training.push("course");
        json.pathways[1].training = [];
      }),
    ).toEqual([
      "pathways[1].competencies: must ask for at least one competency or piece of training",
      'pathways[1].id: duplicate id "specialist" (first at pathways[0].id)',
      'pathways[0].competencies[2].competencyId: duplicate competency "a-1" (first at pathways[0].competencies[0].competencyId)',
      'pathways[0].training[2]: duplicate requirement "course" (first at pathways[0].training[0])',
    ]);
  });
});
