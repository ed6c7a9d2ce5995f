/**
 * GET /api/readiness answers a page at a time, by keyset on person id (issue 12). Checked against a plain reading of
 * the users table: every member of staff the caller may see comes exactly once across the pages, in order, even
 * while people are added between one page and the next; the next page is named in the body and in a Link header;
 * no cursor, guessed or not, shows anyone outside the caller's scope; bad parameters answer 400 naming the field.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as api from "~/routes/api.readiness";
import { MAX_PAGE_SIZE, PAGE_SIZE } from "~/domain/readiness-pages";
import { makePerson } from "../../scripts/lib/factories";
import { makeWorld, ROLES, type World } from "./access-table";
import { contextFor } from "./harness";

interface Page {
  people: { personId: number }[];
  next: string | null;
}

async function get(path: string, cookie: string) {
  const request = new Request(`http://127.0.0.1${path}`, { headers: { Cookie: cookie } });
  const response = (await api.loader({ request, params: {}, context: await contextFor(request) })) as Response;
  return { status: response.status, link: response.headers.get("Link"), body: await response.json() };
}

/** Follows the next links from the first page, calling `between` before each next page; each page's person ids. */
async function allPages(cookie: string, limit: number, between: () => Promise<void> = async () => {}) {
  const pages: number[][] = [];
  for (let path: string | null = `/api/readiness?limit=${limit}`; path;) {
    const { status, link, body } = await get(path, cookie);
    expect(status).toBe(200);
    const page = body as Page;
    expect(Object.keys(page)).toEqual(["people", "next"]);
    expect(link).toBe(page.next === null ? null : `<${page.next}>; rel="next"`);
    expect(page.people.length).toBeLessThanOrEqual(limit);
    pages.push(page.people.map((p) => p.personId));
    path = page.next;
    if (path) await between();
  }
  return pages;
}

/** Active staff (people with a job role), in person id order, read plainly: the oracle. */
async function staffIds(pcnId?: number): Promise<number[]> {
  const rows = await getDb()
    .selectFrom("users")
    .select(["id", "pcn_id"])
    .where("active", "=", 1)
    .where("job_role", "is not", null)
    .execute();
  return rows
    .filter((r) => pcnId === undefined || r.pcn_id === pcnId)
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

let world: World;
beforeAll(async () => {
  world = await makeWorld();
  // More staff than one small page holds, in both PCNs and in none.
  for (const pcnId of [world.home.pcn.id, world.other.pcn.id, world.home.pcn.id, null])
    await makePerson(getDb(), { pcnId, roles: pcnId === null ? [] : ["coordinator"], password: null });
});

describe("pages by keyset", () => {
  it("every member of staff comes exactly once, in order, also while people are added between pages", async () => {
    const added = fc.record({
      pcn: fc.constantFrom("home", "other", "none"),
      staff: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("admin", "lead"),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.array(added, { maxLength: 2 }), { maxLength: 6 }),
        async (role, limit, additions) => {
          let step = 0;
          const pages = await allPages(world.cookies[role], limit, async () => {
            for (const a of additions[step++] ?? []) {
              const pcnId = a.pcn === "home" ? world.home.pcn.id : a.pcn === "other" ? world.other.pcn.id : null;
              await makePerson(getDb(), {
                pcnId,
                roles: pcnId === null ? [] : ["coordinator"],
                jobRole: a.staff ? "care-coordinator" : null,
                password: null,
              });
            }
          });
          // Everyone there at the end, the people added while paging included (their ids come after every page read).
          expect(pages.flat()).toEqual(await staffIds(role === "lead" ? world.home.pcn.id : undefined));
          // Only the last page may be short, and it is never empty unless the whole answer is.
          expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
          if (pages.length > 1) expect(pages.at(-1)!.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);

  it("the first page holds PAGE_SIZE people unless limit says otherwise, and names the next page with the same limit", async () => {
    const first = await get("/api/readiness", world.cookies.admin);
    expect(first.body.people.length).toBe(Math.min(PAGE_SIZE, (await staffIds()).length));
    const small = await get("/api/readiness?limit=2", world.cookies.admin);
    const [, second] = small.body.people.map((p: { personId: number }) => p.personId);
    expect(small.body.next).toBe(`/api/readiness?after=${second}&limit=2`);
    expect(small.link).toBe(`</api/readiness?after=${second}&limit=2>; rel="next"`);
    const defaultNext = await get(`/api/readiness?limit=${MAX_PAGE_SIZE}`, world.cookies.admin);
    expect(defaultNext.body.next).toBeNull();
    expect(defaultNext.link).toBeNull();
  });

  it("is the same shape for every role, a lead's one PCN in a single page", async () => {
    for (const role of ROLES.filter((r) => r !== "anonymous")) {
      const { status, link, body } = await get("/api/readiness", world.cookies[role]);
      expect([role, status, Object.keys(body)]).toEqual([role, 200, ["people", "next"]]);
      if (role !== "admin") expect([role, body.next, link]).toEqual([role, null, null]);
    }
    expect((await get("/api/readiness", world.cookies.lead)).body.people.length).toBe(
      (await staffIds(world.home.pcn.id)).length,
    );
  });
});

describe("a cursor only says where to start", () => {
  it("no cursor, even one from an administrator's pages, shows anyone outside the caller's scope", async () => {
    const everyone = await staffIds();
    const scopes = {
      lead: await staffIds(world.home.pcn.id),
      otherLead: await staffIds(world.other.pcn.id),
      supervisor: [world.home.coordinator.id],
      coordinator: [world.home.coordinator.id],
    };
    for (const [role, allowed] of Object.entries(scopes)) {
      const seen = new Set<number>();
      for (const after of [0, ...everyone, everyone.at(-1)! + 1000]) {
        const path = after ? `/api/readiness?after=${after}&limit=1` : "/api/readiness?limit=1";
        const { status, body } = await get(path, world.cookies[role as keyof typeof scopes]);
        expect(status).toBe(200);
        for (const p of (body as Page).people) {
          expect(allowed, `${role} after ${after}`).toContain(p.personId);
          expect(p.personId).toBeGreaterThan(after);
          seen.add(p.personId);
        }
      }
      expect([role, [...seen].sort((a, b) => a - b)]).toEqual([role, allowed]);
    }
  });
});

describe("bad parameters", () => {
  it.each([
    ["limit=0", "limit"],
    [`limit=${MAX_PAGE_SIZE + 1}`, "limit"],
    ["limit=abc", "limit"],
    ["limit=1.5", "limit"],
    ["limit=", "limit"],
    ["after=-1", "after"],
    ["after=abc", "after"],
    ["after=0", "after"],
    ["after=1e3", "after"],
    ["after=99999999999999999999", "after"],
  ])("?%s answers 400 naming %s", async (query, field) => {
    const { status, link, body } = await get(`/api/readiness?${query}`, world.cookies.admin);
    expect([status, link, body.field]).toEqual([400, null, field]);
    expect(body.error).toMatch(new RegExp(`^${field} must be`));
  });
});
