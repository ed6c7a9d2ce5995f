import { getContent } from "~/content/index.server";

/** The framework's areas and competencies, trimmed to what forms and matrices show. */
export function frameworkOutline() {
  return getContent().framework.areas.map((a) => ({ id: a.id, title: a.title, competencies: a.competencies.map((c) => ({ id: c.id, title: c.title })) }));
}

export function competencyTitles(): Record<string, string> {
  return Object.fromEntries(getContent().framework.areas.flatMap((a) => a.competencies.map((c) => [c.id, c.title])));
}
