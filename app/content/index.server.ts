/** The app's view of its content: loaded once per process, plus the lookups routes need. */
import { env } from "~/lib/env.server";
import { loadContent } from "./load.server";
import type { Competency, Content, Role, TrainingRequirement } from "./schema";

export { ContentError, loadContent } from "./load.server";
export type * from "./schema";

let cached: Content | undefined;

export const contentDir = () => env().CONTENT_DIR;

/** Content from CONTENT_DIR (default `./content`); throws ContentError on the first call if it is broken. */
export function getContent(): Content {
  cached ??= loadContent(contentDir());
  return cached;
}

export function findCompetency(content: Content, id: string): Competency | undefined {
  for (const area of content.framework.areas) {
    const competency = area.competencies.find((candidate) => candidate.id === id);
    if (competency) return competency;
  }
  return undefined;
}

export function findRequirement(content: Content, id: string): TrainingRequirement | undefined {
  return content.trainingRequirements.requirements.find((requirement) => requirement.id === id);
}

export function findRole(content: Content, id: string): Role | undefined {
  return content.roles.roles.find((role) => role.id === id);
}

/** A role's training in the order the content lists it; an unknown role has none. */
export function requirementsForRole(
  content: Content,
  roleId: string,
): { required: TrainingRequirement[]; recommended: TrainingRequirement[] } {
  const role = findRole(content, roleId);
  // The loader has already rejected ids that match no requirement, so nothing is dropped here.
  const resolve = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const requirement = findRequirement(content, id);
      return requirement ? [requirement] : [];
    });
  return { required: resolve(role?.requirements ?? []), recommended: resolve(role?.recommended ?? []) };
}

/** The display title of a person's job role, or null when they have none or it is no longer in the content. */
export function jobRoleTitle(roleId: string | null | undefined): string | null {
  if (!roleId) return null;
  return findRole(getContent(), roleId)?.title ?? null;
}
