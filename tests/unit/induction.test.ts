import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "~/content/load.server";
import { auditSentence, type AuditLookup } from "~/domain/audit-words";
import { inductionItemsFor, inductionStatus, showsInductionProgress } from "~/domain/induction";

const item = (id: string, roles: string[], settings: string[]) => ({ id, title: id, description: id, roles, settings });
const ITEMS = [
  item("everyone", [], []),
  item("coordinators", ["care-coordinator"], []),
  item("care-homes", [], ["care-homes"]),
  item("coordinators-in-care-homes", ["care-coordinator"], ["care-homes"]),
];

describe("which induction items a new starter gets", () => {
  it("gives items for every role and setting, and those naming their role or setting, in the content's order", () => {
    const ids = (role: string | null, setting: string) => inductionItemsFor(ITEMS, role, setting).map((i) => i.id);
    expect(ids("care-coordinator", "care-homes")).toEqual([
      "everyone",
      "coordinators",
      "care-homes",
      "coordinators-in-care-homes",
    ]);
    expect(ids("care-coordinator", "general-practice")).toEqual(["everyone", "coordinators"]);
    expect(ids("social-prescribing-link-worker", "care-homes")).toEqual(["everyone", "care-homes"]);
    expect(ids(null, "general-practice")).toEqual(["everyone"]);
  });
});

describe("where a checklist stands", () => {
  const due = "2026-12-31";
  it.each([
    [{ done: 8, total: 8, dueOn: due }, "2027-03-01", "complete"],
    [{ done: 0, total: 0, dueOn: due }, "2026-12-01", "complete"],
    [{ done: 3, total: 8, dueOn: due }, "2026-12-23", "in-progress"],
    [{ done: 3, total: 8, dueOn: due }, "2026-12-24", "due-soon"],
    [{ done: 3, total: 8, dueOn: due }, "2026-12-31", "due-soon"],
    [{ done: 7, total: 8, dueOn: due }, "2027-01-01", "overdue"],
  ] as const)("%o on %s is %s", (progress, today, status) => {
    expect(inductionStatus(progress, today)).toBe(status);
  });

  it("shows progress up to and including its last day", () => {
    expect(showsInductionProgress({ showUntil: "2027-05-26" }, "2027-05-26")).toBe(true);
    expect(showsInductionProgress({ showUntil: "2027-05-26" }, "2027-05-27")).toBe(false);
  });
});

describe("induction content", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The minimal fixture with induction.json changed by `edit`. */
  function withInduction(edit: (json: { items: unknown[]; settings: unknown[] }) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "induction-content-"));
    dirs.push(dir);
    fs.cpSync(path.resolve("tests/fixtures/content/minimal"), dir, { recursive: true });
    const file = path.join(dir, "induction.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(json);
    fs.writeFileSync(file, JSON.stringify(json));
    return dir;
  }

  const problems = (dir: string) => {
    try {
      loadContent(dir);
    } catch (error) {
      if (error instanceof ContentError) return error.problems;
      throw error;
    }
    return [];
  };

  it("ships items for each of the framework's induction topics, every one for a known role and setting", () => {
    const { induction, roles } = loadContent(path.resolve("content"));
    const ids = induction.items.map((i) => i.id);
    for (const topic of [
      "practice-systems",
      "mdt-arrangements",
      "safeguarding-leads",
      "referral-pathways",
      "meet-supervisor",
      "personalised-care-roles",
      "care-record-systems",
    ])
      expect(ids).toContain(topic);
    for (const role of roles.roles)
      for (const setting of induction.settings)
        expect(inductionItemsFor(induction.items, role.id, setting.id).length).toBeGreaterThan(5);
  });

  it("names the file and field of an unknown role or setting, and of a repeated id", () => {
    const dir = withInduction((json) => {
      json.items.push(item("twice", ["astronaut"], ["the-moon"]), item("twice", [], []));
    });
    expect(problems(dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/induction\.json: items\[1\]\.roles\[0\]: unknown role "astronaut"/),
        expect.stringMatching(/induction\.json: items\[1\]\.settings\[0\]: unknown setting "the-moon"/),
        expect.stringMatching(/induction\.json: items\[2\]\.id: duplicate id "twice"/),
      ]),
    );
  });

  it("refuses an induction file without settings or items", () => {
    const dir = withInduction((json) => {
      json.items = [];
      json.settings = [];
    });
    expect(problems(dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/induction\.json: settings: must list at least one setting/),
        expect.stringMatching(/induction\.json: items: must list at least one item/),
      ]),
    );
  });
});

describe("induction in the audit trail", () => {
  const lookup = {} as AuditLookup;
  const row = (action: string, recordKey: string | null) => ({
    actorId: 1,
    actorName: "Grace Okafor",
    entity: "induction" as const,
    action,
    subjectId: 2,
    subjectName: "Jack Thompson",
    recordKey,
    before: null,
    after: null,
  });

  it("names the item ticked or unticked, and the checklist made", () => {
    expect(auditSentence(row("tick", "Meet your supervisor"), lookup)).toBe(
      "Grace Okafor ticked Jack Thompson’s induction item “Meet your supervisor”",
    );
    expect(auditSentence(row("untick", "Meet your supervisor"), lookup)).toBe(
      "Grace Okafor unticked Jack Thompson’s induction item “Meet your supervisor”",
    );
    expect(auditSentence(row("create", null), lookup)).toBe("Grace Okafor made Jack Thompson’s induction checklist");
  });
});
