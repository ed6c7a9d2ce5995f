/**
 * The audit trail's person filter. A PCN or a small deployment chooses from a list of everyone; past
 * PEOPLE_IN_A_LIST people (a national deployment has 12,000) the filter is a text field instead: the name typed,
 * or part of it, finds the person on the server, and when several match the page offers them to choose from.
 * Plain form fields and links, so it works without JavaScript.
 */
import type { PcnScope } from "~/domain/permissions";
import type { Executor } from "~/models/audit.server";
import {
  countPeopleToChoose,
  peopleNamed,
  peopleToChoose,
  personToChoose,
  type PersonToChoose,
} from "~/models/user.server";

/** Up to this many people, the filter is a list to choose from, as it always was. */
export const PEOPLE_IN_A_LIST = 1000;
/** How many matching people the page offers at most; past it, it asks for more of the name. */
export const MATCHES_SHOWN = 20;
const NAME_MAX = 100;

export type PersonFilter =
  /** The scope's people, for a list; `chosen` is the person asked for, when they are one of them. */
  | { kind: "list"; people: { value: string; label: string }[]; chosen: string }
  /** A text field: `text` is what it shows, `personId` the person found, if one was. */
  | { kind: "search"; text: string; personId?: number }
  /** Several people match what was typed: the page offers them (the first MATCHES_SHOWN) instead of entries. */
  | { kind: "matches"; text: string; matches: PersonToChoose[]; more: boolean }
  /** Nobody matches, or the text cannot be a name: the message goes with the field. */
  | { kind: "refused"; text: string; error: string };

/** The filter a request asks for: `personName` (the text typed) when given, otherwise `person` (an id). */
export async function personFilter(db: Executor, pcns: PcnScope, search: URLSearchParams): Promise<PersonFilter> {
  const asked = search.get("person") ?? "";
  // Counted first: a national deployment's list is never used, so it is never read.
  if ((await countPeopleToChoose(db, pcns, PEOPLE_IN_A_LIST + 1)) <= PEOPLE_IN_A_LIST) {
    const people = (await peopleToChoose(db, pcns, PEOPLE_IN_A_LIST)).map((p) => ({
      value: String(p.id),
      label: p.name,
    }));
    // Someone not in the list (another PCN's, say) is ignored, as any unknown filter value is.
    return { kind: "list", people, chosen: people.some((p) => p.value === asked) ? asked : "" };
  }
  const text = (search.get("personName") ?? "").trim();
  if (text) return findByName(db, pcns, text);
  const id = /^\d{1,15}$/.test(asked) ? Number(asked) : null;
  const person = id === null ? undefined : await personToChoose(db, pcns, id);
  return person ? { kind: "search", text: person.name, personId: person.id } : { kind: "search", text: "" };
}

/** The person whose entries the trail shows, if the filter settled on one. */
export function chosenPersonId(filter: PersonFilter): number | undefined {
  if (filter.kind === "list") return filter.chosen ? Number(filter.chosen) : undefined;
  return filter.kind === "search" ? filter.personId : undefined;
}

async function findByName(db: Executor, pcns: PcnScope, text: string): Promise<PersonFilter> {
  if (text.length > NAME_MAX) return { kind: "refused", text, error: `Name must be ${NAME_MAX} characters or fewer` };
  const found = await peopleNamed(db, pcns, text, MATCHES_SHOWN + 1);
  const exact = found.filter((p) => p.name.toLowerCase() === text.toLowerCase());
  const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
  if (only) return { kind: "search", text: only.name, personId: only.id };
  if (!found.length)
    return {
      kind: "refused",
      text,
      error: `Nobody's name contains "${text}": check the spelling, or enter less of it`,
    };
  return { kind: "matches", text, matches: found.slice(0, MATCHES_SHOWN), more: found.length > MATCHES_SHOWN };
}
