/**
 * Reads and validates the content directory. A broken deployment should fail at start-up with every
 * problem listed, each naming the file and field to fix, rather than one at a time or at runtime.
 */
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import {
  esrCompetenciesSchema,
  frameworkSchema,
  pathwaysSchema,
  inductionSchema,
  proficiencyScaleSchema,
  rolesSchema,
  supervisionPolicySchema,
  trainingRequirementsSchema,
  type Content,
} from "./schema";

export const CONTENT_FILES = {
  framework: "framework.json",
  trainingRequirements: "training-requirements.json",
  roles: "roles.json",
  supervisionPolicy: "supervision-policy.json",
  esrCompetencies: "esr-competencies.json",
  proficiencyScale: "proficiency-scale.json",
  pathways: "pathways.json",
  induction: "induction.json",
} as const satisfies Record<keyof Content, string>;

type ContentKey = keyof typeof CONTENT_FILES;
type FieldPath = readonly PropertyKey[];

interface Problem {
  key: ContentKey;
  /** Where in the file; null when the problem is with the whole file. */
  path: FieldPath | null;
  message: string;
}

/** Thrown when content cannot be used; the message has one problem per line. */
export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ContentError";
  }
}

const SCHEMAS: { [K in ContentKey]: z.ZodType<Content[K]> } = {
  framework: frameworkSchema,
  trainingRequirements: trainingRequirementsSchema,
  roles: rolesSchema,
  supervisionPolicy: supervisionPolicySchema,
  esrCompetencies: esrCompetenciesSchema,
  proficiencyScale: proficiencyScaleSchema,
  pathways: pathwaysSchema,
  induction: inductionSchema,
};

/** `roles[1].requirements[2]`, the way a person editing the JSON would look for it. */
function formatFieldPath(fieldPath: FieldPath): string {
  if (fieldPath.length === 0) return "(top level)";
  return fieldPath
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
    .join("");
}

// Relative to the working directory, as people type it, unless the directory is elsewhere.
function displayName(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative.startsWith("..") || path.isAbsolute(relative) ? filePath : relative;
}

// Node 20 reports only a character offset; people editing JSON look for a line.
function describeJsonError(raw: string, error: Error): string {
  const offset = /at position (\d+)/.exec(error.message)?.[1];
  if (offset === undefined || /\bline\b/.test(error.message)) return error.message;
  const before = raw.slice(0, Number(offset)).split("\n");
  return `${error.message} (line ${before.length}, column ${(before.at(-1) ?? "").length + 1})`;
}

type Read = { ok: true; data: unknown } | { ok: false; message: string };

function readJson(filePath: string): Read {
  let raw: string;
  try {
    raw = fs.readFileSync(filePath, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    return { ok: false, message: missing ? "file not found" : `cannot be read: ${(error as Error).message}` };
  }
  try {
    return { ok: true, data: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${describeJsonError(raw, error as Error)}` };
  }
}

// zod's default for an absent field reads "expected string, received undefined"; say what the editor must do.
const parseOptions = {
  error: (issue: { code?: string; input?: unknown }) =>
    issue.code === "invalid_type" && issue.input === undefined ? "required field is missing" : undefined,
};

function validate<K extends ContentKey>(key: K, data: unknown, problems: Problem[]): Content[K] | undefined {
  const result = SCHEMAS[key].safeParse(data, parseOptions);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push({ key, path: issue.path, message: issue.message });
  return undefined;
}

/*
 * The cross-checks below read the raw JSON rather than the validated result, so that a file with
 * one wrong type still has its duplicate ids and unknown references reported in the same run.
 */

/** The array under `key`, or nothing when the file is too broken to have one. */
function listAt(container: unknown, key: string): unknown[] {
  const value = typeof container === "object" && container !== null ? (container as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
}

function idOf(entry: unknown): string | undefined {
  const id = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).id : undefined;
  return typeof id === "string" ? id : undefined;
}

interface IdAt {
  id: string;
  path: FieldPath;
}

/** Every entry whose id was already used earlier in the same list. */
function duplicates(key: ContentKey, entries: readonly IdAt[], what = "id"): Problem[] {
  const firstSeen = new Map<string, FieldPath>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const first = firstSeen.get(entry.id);
    if (first) {
      problems.push({ key, path: entry.path, message: `duplicate ${what} "${entry.id}" (first at ${formatFieldPath(first)})` });
    } else {
      firstSeen.set(entry.id, entry.path);
    }
  }
  return problems;
}

/** Entries that are ids themselves (a role's lists) or objects with an `id`; others are left to the schema. */
function withIds(list: readonly unknown[], pathOf: (index: number) => FieldPath): IdAt[] {
  return list.flatMap((entry, index) => {
    const id = typeof entry === "string" ? entry : idOf(entry);
    return id === undefined ? [] : [{ id, path: pathOf(index) }];
  });
}

function frameworkProblems(framework: unknown): Problem[] {
  const areas = listAt(framework, "areas");
  const competencies = areas.flatMap((area, a) =>
    withIds(listAt(area, "competencies"), (c) => ["areas", a, "competencies", c, "id"]),
  );
  return [
    ...duplicates("framework", withIds(areas, (a) => ["areas", a, "id"])),
    ...duplicates("framework", competencies),
  ];
}

function frameworkCompetencyIds(framework: unknown): string[] {
  return listAt(framework, "areas").flatMap((area) => listAt(area, "competencies").flatMap((c) => idOf(c) ?? []));
}

function requirementIds(training: unknown): IdAt[] {
  return withIds(listAt(training, "requirements"), (r) => ["requirements", r, "id"]);
}

/** Role checks; references are only checked when the training file could be read at all. */
function roleProblems(roles: unknown, knownRequirements: ReadonlySet<string> | undefined): Problem[] {
  const roleList = listAt(roles, "roles");
  const problems = duplicates("roles", withIds(roleList, (r) => ["roles", r, "id"]));

  roleList.forEach((role, r) => {
    const required = withIds(listAt(role, "requirements"), (i) => ["roles", r, "requirements", i]);
    const recommended = withIds(listAt(role, "recommended"), (i) => ["roles", r, "recommended", i]);

    problems.push(...duplicates("roles", required, "requirement"), ...duplicates("roles", recommended, "requirement"));
    const requiredIds = new Set(required.map((entry) => entry.id));
    for (const entry of recommended) {
      if (requiredIds.has(entry.id)) {
        problems.push({ key: "roles", path: entry.path, message: `"${entry.id}" is also in requirements; list it in one place only` });
      }
    }
    if (!knownRequirements) return;
    for (const entry of [...required, ...recommended]) {
      if (!knownRequirements.has(entry.id)) {
        problems.push({
          key: "roles",
          path: entry.path,
          message: `unknown requirement "${entry.id}" (not in ${CONTENT_FILES.trainingRequirements})`,
        });
      }
    }
  });
  return problems;
}

/** Each ESR name once (ESR's spelling varies in case only), each naming a requirement that exists. */
function esrProblems(esr: unknown, knownRequirements: ReadonlySet<string> | undefined): Problem[] {
  const entries = listAt(esr, "competencies");
  const names = entries.flatMap((entry, e) => {
    const name = (entry as { esrName?: unknown } | null)?.esrName;
    return typeof name === "string" ? [{ id: name.trim().toLowerCase(), path: ["competencies", e, "esrName"] }] : [];
  });
  const problems = duplicates("esrCompetencies", names, "ESR name");
  if (!knownRequirements) return problems;
  entries.forEach((entry, e) => {
    const id = (entry as { requirementId?: unknown } | null)?.requirementId;
    if (typeof id === "string" && !knownRequirements.has(id))
      problems.push({
        key: "esrCompetencies",
        path: ["competencies", e, "requirementId"],
        message: `unknown requirement "${id}" (not in ${CONTENT_FILES.trainingRequirements})`,
      });
  });
  return problems;
}

/** The ids a pathway may name, each set absent when its file could not be read at all. */
interface Known {
  competencies?: ReadonlySet<string>;
  levels?: ReadonlySet<string>;
  requirements?: ReadonlySet<string>;
}

/** Each pathway once, each naming competencies, levels and training that exist, each of them once. */
function pathwayProblems(pathways: unknown, known: Known): Problem[] {
  const list = listAt(pathways, "pathways");
  const problems = duplicates("pathways", withIds(list, (p) => ["pathways", p, "id"]));
  const unknown = (set: ReadonlySet<string> | undefined, id: unknown, path: FieldPath, what: string, file: string) => {
    if (set && typeof id === "string" && !set.has(id))
      problems.push({ key: "pathways", path, message: `unknown ${what} "${id}" (not in ${file})` });
  };
  list.forEach((pathway, p) => {
    const asks = listAt(pathway, "competencies");
    const competencyIds = asks.flatMap((ask, a) => {
      const { competencyId, level } = (ask ?? {}) as { competencyId?: unknown; level?: unknown };
      const at = ["pathways", p, "competencies", a];
      unknown(known.competencies, competencyId, [...at, "competencyId"], "competency", CONTENT_FILES.framework);
      unknown(known.levels, level, [...at, "level"], "level", CONTENT_FILES.proficiencyScale);
      return typeof competencyId === "string" ? [{ id: competencyId, path: [...at, "competencyId"] }] : [];
    });
    const training = withIds(listAt(pathway, "training"), (t) => ["pathways", p, "training", t]);
    for (const entry of training)
      unknown(known.requirements, entry.id, entry.path, "requirement", CONTENT_FILES.trainingRequirements);
    problems.push(...duplicates("pathways", competencyIds, "competency"), ...duplicates("pathways", training, "requirement"));
  });
  return problems;
}

/** Each setting and item once; each item naming roles and settings that exist. */
function inductionProblems(induction: unknown, roles: unknown): Problem[] {
  const settings = withIds(listAt(induction, "settings"), (s) => ["settings", s, "id"]);
  const items = listAt(induction, "items");
  const problems = [
    ...duplicates("induction", settings),
    ...duplicates("induction", withIds(items, (i) => ["items", i, "id"])),
  ];
  const known = {
    roles: new Set(withIds(listAt(roles, "roles"), () => []).map((r) => r.id)),
    settings: new Set(settings.map((s) => s.id)),
  };
  items.forEach((item, i) => {
    for (const list of ["roles", "settings"] as const)
      for (const entry of withIds(listAt(item, list), (e) => ["items", i, list, e]))
        if (!known[list].has(entry.id))
          problems.push({
            key: "induction",
            path: entry.path,
            message: `unknown ${list === "roles" ? "role" : "setting"} "${entry.id}" (not in ${list === "roles" ? CONTENT_FILES.roles : "settings"})`,
          });
  });
  return problems;
}

function describe(dir: string, problem: Problem): string {
  const where = problem.path === null ? "" : `${formatFieldPath(problem.path)}: `;
  return `${displayName(path.join(dir, CONTENT_FILES[problem.key]))}: ${where}${problem.message}`;
}

/** Loads the content files from `dir`, or throws a ContentError listing every problem found. */
export function loadContent(dir: string): Content {
  const problems: Problem[] = [];
  const raw: Partial<Record<ContentKey, unknown>> = {};
  for (const key of Object.keys(CONTENT_FILES) as ContentKey[]) {
    const read = readJson(path.join(dir, CONTENT_FILES[key]));
    if (read.ok) raw[key] = read.data;
    else problems.push({ key, path: null, message: read.message });
  }
  const validated = <K extends ContentKey>(key: K) => (key in raw ? validate(key, raw[key], problems) : undefined);

  const framework = validated("framework");
  const trainingRequirements = validated("trainingRequirements");
  const roles = validated("roles");
  const supervisionPolicy = validated("supervisionPolicy");
  const esrCompetencies = validated("esrCompetencies");
  const proficiencyScale = validated("proficiencyScale");
  const pathways = validated("pathways");
  const induction = validated("induction");

  const requirements = requirementIds(raw.trainingRequirements);
  const knownRequirements = "trainingRequirements" in raw ? new Set(requirements.map((entry) => entry.id)) : undefined;
  problems.push(
    ...frameworkProblems(raw.framework),
    ...duplicates("trainingRequirements", requirements),
    ...duplicates("proficiencyScale", withIds(listAt(raw.proficiencyScale, "levels"), (l) => ["levels", l, "id"])),
    ...roleProblems(raw.roles, knownRequirements),
    ...esrProblems(raw.esrCompetencies, knownRequirements),
    ...pathwayProblems(raw.pathways, {
      competencies: "framework" in raw ? new Set(frameworkCompetencyIds(raw.framework)) : undefined,
      levels: "proficiencyScale" in raw ? new Set(listAt(raw.proficiencyScale, "levels").flatMap((l) => idOf(l) ?? [])) : undefined,
      requirements: knownRequirements,
    }),
    ...inductionProblems(raw.induction, raw.roles),
  );

  if (problems.length > 0 || !framework || !trainingRequirements || !roles || !supervisionPolicy || !esrCompetencies || !proficiencyScale || !pathways || !induction) {
    // Grouped by file, in the order the files are listed, so each file's problems read together.
    const fileOrder = Object.keys(CONTENT_FILES);
    const byFile = problems.toSorted((a, b) => fileOrder.indexOf(a.key) - fileOrder.indexOf(b.key));
    throw new ContentError(byFile.map((problem) => describe(dir, problem)));
  }
  return { framework, trainingRequirements, roles, supervisionPolicy, esrCompetencies, proficiencyScale, pathways, induction };
}
