/** What every notification finder is given, and who hears about an item: the person, their supervisors, their leads. */
import type { NoticeAudience, NoticeDraft, NoticeKind } from "~/domain/notices";
import type { Executor } from "~/models/audit.server";
import type { TeamMember } from "~/models/notice-facts.server";

/** One PCN's active people and today's designated supervisors: a finder looks at one PCN at a time. */
export interface PcnTeam {
  pcnId: number;
  members: ReadonlyMap<number, TeamMember>;
  supervisorsOf: ReadonlyMap<number, readonly number[]>;
}

export interface FinderContext {
  db: Executor;
  team: PcnTeam;
  today: string;
  /** Evidence submitted at or before this instant has waited longer than the configured number of days. */
  reviewWaitedSince: string;
}

/** Finds what needs attention in one PCN and says who is told. One kind of notice, one finder. */
export type NoticeFinder = (context: FinderContext) => Promise<NoticeDraft[]>;

export interface Item {
  kind: NoticeKind;
  subjectId: number;
  itemKey: string;
  threshold: string;
  link: string;
  title: (audience: NoticeAudience) => string;
}

/** Every row of a paged query, a page at a time, for queries the pages share with the job. */
export async function everyPage<T>(
  fetchPage: (page: { page: number; pageSize: number }) => Promise<readonly T[]>,
  pageSize = 500,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const next = await fetchPage({ page, pageSize });
    rows.push(...next);
    if (next.length < pageSize) return rows;
  }
}

/** Staff with a job role: whose training and supervision the rules check. */
export const staffOf = (team: PcnTeam) => [...team.members.values()].filter((m) => m.jobRole !== null);

/**
 * A notice for each of the audiences given: the person themself ("own"), their designated supervisors (or the
 * `supervisors` named), and the PCN's leads. Each recipient is told once, in the nearest role they hold to it.
 */
export function tell(
  team: PcnTeam,
  item: Item,
  audiences: { own: boolean; supervisors?: readonly number[] },
): NoticeDraft[] {
  const leads = [...team.members.values()].filter((m) => m.roles.includes("lead")).map((m) => m.id);
  const candidates: [number, NoticeAudience][] = [
    ...(audiences.own ? [[item.subjectId, "own"] as [number, NoticeAudience]] : []),
    ...(audiences.supervisors ?? team.supervisorsOf.get(item.subjectId) ?? []).map((id): [number, NoticeAudience] => [
      id,
      "supervisee",
    ]),
    ...leads.map((id): [number, NoticeAudience] => [id, "pcn"]),
  ];
  const told = new Map<number, NoticeAudience>();
  for (const [recipientId, audience] of candidates) {
    const isSubject = recipientId === item.subjectId;
    if (team.members.has(recipientId) && !told.has(recipientId) && (audience === "own" || !isSubject))
      told.set(recipientId, audience);
  }
  return [...told].map(([recipientId, audience]) => ({
    recipientId,
    subjectId: item.subjectId,
    audience,
    kind: item.kind,
    itemKey: item.itemKey,
    threshold: item.threshold,
    title: item.title(audience),
    link: item.link,
  }));
}
