import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findCompetency, findRequirement, findRole, requirementsForRole } from "~/content/index.server";
import { ContentError, loadContent } from "~/content/load.server";

const REPO_CONTENT = path.resolve("content");
const MINIMAL = path.resolve("tests/fixtures/content/minimal");
const UNKNOWN_REQUIREMENT = "tests/fixtures/content/unknown-requirement";

function problemsLoading(dir: string): string[] {
  try {
    loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return [...error.problems];
    throw error;
  }
  throw new Error(`expected the content in ${dir} to be rejected`);
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the minimal valid content with one file rewritten by `edit`. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-test-"));
  tempDirs.push(dir);
  fs.cpSync(MINIMAL, dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, "utf8")));
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test breaks the content JSON in its own way
function brokenJson(file: string, change: (json: any) => void): string {
  return brokenCopy(file, (text) => {
    const json = JSON.parse(text);
    change(json);
    return JSON.stringify(json, null, 2);
  });
}

describe("the content shipped in the repository", () => {
  const content = loadContent(REPO_CONTENT);

  it("has exactly the four areas of the care coordinator framework, in order", () => {
    expect(content.framework.areas.map((area) => area.id)).toEqual([
      "personalised-care",
      "relationships",
      "communication",
      "continuous-learning",
    ]);
  });

  it("numbers each competency with its area's prefix and gives 3-6 per area with 2-4 indicators each", () => {
    const prefixes: Record<string, string> = {
      "personalised-care": "pc",
      relationships: "rel",
      communication: "com",
      "continuous-learning": "cl",
    };
    for (const area of content.framework.areas) {
      expect(area.competencies.length).toBeGreaterThanOrEqual(3);
      expect(area.competencies.length).toBeLessThanOrEqual(6);
      area.competencies.forEach((competency, index) => {
        expect(competency.id).toBe(`${prefixes[area.id]}-${index + 1}`);
        expect(competency.indicators.length).toBeGreaterThanOrEqual(2);
        expect(competency.indicators.length).toBeLessThanOrEqual(4);
      });
    }
  });

  it("defines the three personalised care roles", () => {
    expect(content.roles.roles.map((role) => role.id)).toEqual([
      "care-coordinator",
      "health-and-wellbeing-coach",
      "social-prescribing-link-worker",
    ]);
  });

  it("lets a care coordinator start referrals while enrolled on PCI training, with the Care Certificate only recommended", () => {
    const { required, recommended } = requirementsForRole(content, "care-coordinator");
    const beforeReferrals = required.filter((requirement) => requirement.requiredBeforeReferrals);
    expect(beforeReferrals.map((requirement) => requirement.id)).toEqual([
      "pci-care-coordinator-training",
      "pcsp-e-learning",
      "shared-decision-making-e-learning",
    ]);
    expect(beforeReferrals.every((requirement) => requirement.underWayCounts)).toBe(true);
    expect(recommended.map((requirement) => requirement.id)).toEqual(["care-certificate"]);
  });

  it("requires link worker modules 1-6 before referrals and recommends 7-10", () => {
    const { required, recommended } = requirementsForRole(content, "social-prescribing-link-worker");
    const modules = required.filter((requirement) => requirement.id.startsWith("splw-module-"));
    expect(modules.map((requirement) => requirement.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `splw-module-${n}`));
    expect(modules.every((requirement) => requirement.requiredBeforeReferrals && requirement.underWayCounts)).toBe(
      true,
    );
    expect(recommended.map((requirement) => requirement.id)).toEqual([7, 8, 9, 10].map((n) => `splw-module-${n}`));
  });

  it("asks every role to keep its statutory and mandatory training, each with a refresher period", () => {
    const statutory = content.trainingRequirements.requirements.filter((r) => r.kind === "statutory-mandatory");
    expect(statutory.length).toBeGreaterThanOrEqual(12);
    for (const requirement of statutory) expect(requirement.renewalMonths).toBeGreaterThan(0);
    for (const role of content.roles.roles) {
      expect(role.requirements).toEqual(expect.arrayContaining(statutory.map((requirement) => requirement.id)));
    }
  });

  it("needs the accredited courses verified before referrals, and no other training", () => {
    const verified = content.trainingRequirements.requirements.filter((r) => r.verifyBeforeReferrals).map((r) => r.id);
    expect(verified).toEqual(["pci-care-coordinator-training", "health-coaching-skills-programme"]);
  });

  it("sets supervision at least monthly for full-time staff, never more than 92 days apart", () => {
    expect(content.supervisionPolicy).toMatchObject({ fullTimeIntervalDays: 31, maxIntervalDays: 92 });
  });
});

describe("loadContent rejects broken content, naming the file and field", () => {
  it("reports a missing required field", () => {
    const dir = brokenJson("roles.json", (json) => delete json.roles[1].title);
    expect(problemsLoading(dir)).toEqual([
      `${path.join(dir, "roles.json")}: roles[1].title: required field is missing`,
    ]);
  });

  it("reports a field of the wrong type or an unknown kind", () => {
    const dir = brokenJson("training-requirements.json", (json) => {
      json.requirements[1].renewalMonths = "12";
      json.requirements[2].kind = "webinar";
    });
    const problems = problemsLoading(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /training-requirements\.json: requirements\[1\]\.renewalMonths: .*expected number, received string/,
    );
    expect(problems[1]).toMatch(/training-requirements\.json: requirements\[2\]\.kind: .*"accredited-course"/);
  });

  it("reports verification before referrals on training that is not needed before referrals", () => {
    const dir = brokenJson("training-requirements.json", (json) => (json.requirements[1].verifyBeforeReferrals = true));
    expect(problemsLoading(dir)).toEqual([
      `${path.join(dir, "training-requirements.json")}: requirements[1].verifyBeforeReferrals: can only be true when requiredBeforeReferrals is true`,
    ]);
  });

  it("reports a misspelt optional field rather than ignoring it", () => {
    const dir = brokenJson("training-requirements.json", (json) => {
      json.requirements[1].cover = json.requirements[0].covers;
    });
    expect(problemsLoading(dir)).toEqual([
      expect.stringMatching(/training-requirements\.json: requirements\[1\]: Unrecognized key: "cover"/),
    ]);
  });

  it("reports duplicate requirement ids and competency ids repeated in another area", () => {
    const dir = brokenJson("training-requirements.json", (json) => (json.requirements[2].id = "course"));
    // The renamed entry also leaves "nice-to-have" undefined, which is reported too.
    expect(problemsLoading(dir)).toContain(
      `${path.join(dir, "training-requirements.json")}: requirements[2].id: duplicate id "course" (first at requirements[0].id)`,
    );

    const frameworkDir = brokenJson("framework.json", (json) => (json.areas[1].competencies[0].id = "a-2"));
    expect(problemsLoading(frameworkDir)).toEqual([
      `${path.join(frameworkDir, "framework.json")}: areas[1].competencies[0].id: duplicate id "a-2" (first at areas[0].competencies[1].id)`,
    ]);
  });

  it("reports a role that lists training the requirements file does not define", () => {
    const dir = brokenJson("roles.json", (json) => json.roles[0].recommended.push("no-such-course"));
    expect(problemsLoading(dir)).toEqual([
      `${path.join(dir, "roles.json")}: roles[0].recommended[1]: unknown requirement "no-such-course" (not in training-requirements.json)`,
    ]);
  });

  it("reports training listed as both required and recommended for a role", () => {
    const dir = brokenJson("roles.json", (json) => json.roles[0].recommended.push("course"));
    expect(problemsLoading(dir)).toEqual([
      expect.stringContaining(`roles.json: roles[0].recommended[1]: "course" is also in requirements`),
    ]);
  });

  it("reports invalid JSON with the file and the line to look at", () => {
    const dir = brokenCopy("supervision-policy.json", (text) =>
      text.replace('"maxIntervalDays": 92,', '"maxIntervalDays": 92,,'),
    );
    expect(problemsLoading(dir)).toEqual([expect.stringMatching(/supervision-policy\.json: invalid JSON: .*line 4/)]);
  });

  it("reports an ESR competency mapped to training the requirements file does not define, or mapped twice", () => {
    const dir = brokenJson("esr-competencies.json", (json) => {
      json.competencies.push({
        esrName: "NHS|CSTF|Nothing - 1 Year|",
        requirementId: "no-such-course",
        countsAsVerified: true,
      });
      json.competencies.push({
        esrName: "nhs|cstf|refresher - 1 year|",
        requirementId: "refresher",
        countsAsVerified: false,
      });
    });
    expect(problemsLoading(dir)).toEqual([
      `${path.join(dir, "esr-competencies.json")}: competencies[2].esrName: duplicate ESR name "nhs|cstf|refresher - 1 year|" (first at competencies[0].esrName)`,
      `${path.join(dir, "esr-competencies.json")}: competencies[1].requirementId: unknown requirement "no-such-course" (not in training-requirements.json)`,
    ]);
  });

  it("maps an ESR competency to every statutory and mandatory requirement, so an ESR export covers them all", () => {
    const { esrCompetencies, trainingRequirements } = loadContent(REPO_CONTENT);
    const mapped = new Set(esrCompetencies.competencies.map((c) => c.requirementId));
    const statutory = trainingRequirements.requirements.filter((r) => r.kind === "statutory-mandatory");
    expect(statutory.filter((r) => !mapped.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("reports a missing file", () => {
    const dir = brokenCopy("framework.json", (text) => text);
    fs.rmSync(path.join(dir, "framework.json"));
    expect(problemsLoading(dir)).toEqual([`${path.join(dir, "framework.json")}: file not found`]);
  });

  it("lists every problem in one go, grouped by file, even when a file also fails its schema", () => {
    const dir = brokenJson("roles.json", (json) => {
      json.roles[1].id = "tester";
      json.roles[1].requirements.push(42);
    });
    fs.writeFileSync(
      path.join(dir, "framework.json"),
      fs.readFileSync(path.join(MINIMAL, "framework.json"), "utf8").replace('"version": "test.1"', '"version": 1'),
    );
    const problems = problemsLoading(dir);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/framework\.json: version: /);
    expect(problems.slice(1).every((line) => line.includes("roles.json: roles[1]"))).toBe(true);
    expect(problems).toContain(
      `${path.join(dir, "roles.json")}: roles[1].id: duplicate id "tester" (first at roles[0].id)`,
    );
  });

  it("names files inside the project by their relative path", () => {
    expect(problemsLoading(path.resolve(UNKNOWN_REQUIREMENT))).toEqual([
      `${UNKNOWN_REQUIREMENT}/roles.json: roles[1].requirements[1]: unknown requirement "retired-course" (not in training-requirements.json)`,
    ]);
  });
});

describe("content lookups", () => {
  const content = loadContent(MINIMAL);

  it("finds competencies in any area, requirements and roles by id", () => {
    expect(findCompetency(content, "b-1")?.title).toBe("First beta");
    expect(findCompetency(content, "z-9")).toBeUndefined();
    expect(findRequirement(content, "refresher")?.renewalMonths).toBe(12);
    expect(findRole(content, "helper")?.title).toBe("Helper");
    expect(findRole(content, "nobody")).toBeUndefined();
  });

  it("gives a role's required and recommended training in the order the content lists it", () => {
    const { required, recommended } = requirementsForRole(content, "tester");
    expect(required.map((requirement) => requirement.title)).toEqual(["Yearly refresher", "Accredited course"]);
    expect(recommended.map((requirement) => requirement.title)).toEqual(["Optional certificate"]);
    expect(requirementsForRole(content, "nobody")).toEqual({ required: [], recommended: [] });
  });

  it("loads CONTENT_DIR once and shows job role titles from it", async () => {
    vi.stubEnv("CONTENT_DIR", MINIMAL);
    vi.resetModules();
    try {
      const fresh = await import("~/content/index.server");
      const first = fresh.getContent();
      expect(first.framework.title).toBe("Test framework");
      expect(fresh.getContent()).toBe(first);
      expect(fresh.jobRoleTitle("tester")).toBe("Tester");
      expect(fresh.jobRoleTitle("retired-role")).toBeNull();
      expect(fresh.jobRoleTitle(null)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("npm run content:check", () => {
  it("exits 1 and prints the problem for a broken content directory", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/content-check.ts"], {
      env: { ...process.env, CONTENT_DIR: UNKNOWN_REQUIREMENT },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${UNKNOWN_REQUIREMENT}/roles.json: roles[1].requirements[1]: unknown requirement "retired-course"`,
    );
  }, 30_000);
});
