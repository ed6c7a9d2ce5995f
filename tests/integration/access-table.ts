/**
 * The role × route table the access tests share: two PCNs with a team each and an admin. Allowed roles
 * succeed; everyone else gets a 404 (or, signed out, a redirect to sign in) and no audit row is written.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam } from "../../scripts/lib/factories";
import { cookieFor, type Outcome } from "./harness";

export const ROLES = [
  "admin",
  "lead",
  "otherLead",
  "supervisor",
  "otherSupervisor",
  "coordinator",
  "colleague",
  "anonymous",
] as const;
export type Role = (typeof ROLES)[number];
export type Team = Awaited<ReturnType<typeof makeTeam>>;

export interface World {
  home: Team;
  other: Team;
  admin: { id: number };
  cookies: Record<Role, string>;
}

export async function makeWorld(): Promise<World> {
  const db = getDb();
  const home = await makeTeam(db);
  const other = await makeTeam(db);
  const admin = await makePerson(db, { roles: ["admin"], jobRole: null });
  const ids: Record<Exclude<Role, "anonymous">, number> = {
    admin: admin.id,
    lead: home.lead.id,
    otherLead: other.lead.id,
    supervisor: home.supervisor.id,
    otherSupervisor: other.supervisor.id,
    coordinator: home.coordinator.id,
    colleague: home.colleague.id,
  };
  const cookies = { anonymous: "" } as Record<Role, string>;
  for (const [role, id] of Object.entries(ids)) cookies[role as Role] = await cookieFor(id);
  return { home, other, admin, cookies };
}

export const auditCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

export function expectRefused(outcome: Outcome, role: Role) {
  if (role === "anonymous") {
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/sign-in/);
  } else {
    expect(outcome.status).toBe(404);
  }
}

export interface AccessCase {
  name: string;
  allowed: readonly Role[];
  run: (role: Role) => Promise<Outcome>;
  /** For writes: an allowed call leaves an audit row, a refused one leaves none. */
  mutates?: boolean;
  /** When the allowed get a refusal on business grounds (say a 400) rather than a success. */
  allowedStatus?: number;
}

/** One test per case and role; `run` reads the world made in beforeAll when it is called. */
export function describeAccess(cases: AccessCase[]) {
  describe.each(cases)("$name", ({ allowed, run, mutates, allowedStatus }) => {
    it.each(ROLES.map((r) => [r, allowed.includes(r)] as const))("%s allowed: %s", async (role, isAllowed) => {
      const before = await auditCount();
      const outcome = await run(role);
      if (isAllowed && allowedStatus) {
        expect(outcome.status).toBe(allowedStatus);
      } else if (isAllowed) {
        expect([200, 302]).toContain(outcome.status);
        if (outcome.status === 302) expect(outcome.location).not.toMatch(/^\/sign-in/);
        if (mutates) expect(await auditCount()).toBeGreaterThan(before);
      } else {
        expectRefused(outcome, role);
        expect(await auditCount()).toBe(before);
      }
    });
  });
}
