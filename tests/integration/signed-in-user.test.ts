/**
 * The signed-in user is read with their session in one statement (findSignedInUser): the same person, roles and
 * supervisees as reading them one by one, and only while the session is live and past its second factor.
 */
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { attemptSignIn } from "~/models/credentials.server";
import { findSignedInUser, startSession } from "~/models/session.server";
import {
  endArrangement,
  getPerson,
  listArrangements,
  listPeople,
  loadSignedInUser,
  setActive,
} from "~/models/user.server";
import * as accountPage from "~/routes/account._index";
import * as personPage from "~/routes/people.$personId._index";
import * as root from "~/root";
import { makeArrangement, makePcn, makePerson, TEST_PASSWORD } from "../../scripts/lib/factories";
import { cookieFor, load } from "./harness";

const LIMITS = { idleMinutes: 30, maxHours: 12 };
const SYSTEM = { id: null, ip: null };
type Person = Awaited<ReturnType<typeof makePerson>>;

let supervisor: Person;
let current: Person;
let ended: Person;
let future: Person;
let other: Person;
beforeAll(async () => {
  const db = getDb();
  const pcn = await makePcn(db);
  supervisor = await makePerson(db, { pcnId: pcn.id, roles: ["supervisor", "lead", "coordinator"] });
  const colleague = (name: string) => makePerson(db, { pcnId: pcn.id, name });
  current = await colleague("Cora Current");
  ended = await colleague("Ed Ended");
  future = await colleague("Fay Future");
  other = await colleague("Otto Other");
  await makeArrangement(db, current, supervisor.id);
  await makeArrangement(db, ended, supervisor.id);
  const [arrangement] = await listArrangements(db, ended.id);
  await endArrangement(
    db,
    { staffId: ended.id, arrangementId: arrangement!.id, endedOn: "2025-06-01", pcnId: pcn.id },
    SYSTEM,
  );
  await makeArrangement(db, future, supervisor.id, "supervisor", "2999-01-01");
  await makeArrangement(db, other, supervisor.id, "line-manager");
});

const signIn = (userId: number, mfaPending = false) => startSession(getDb(), { userId, mfaPending, maxHours: 12 });

describe("the signed-in user read with their session", () => {
  it("is the person as getPerson has them, with their roles and only the people they supervise today", async () => {
    const signedIn = await findSignedInUser(getDb(), await signIn(supervisor.id), LIMITS);
    const person = (await getPerson(getDb(), supervisor.id))!;
    expect(signedIn?.person).toEqual(person);
    expect(signedIn?.viewer).toEqual({
      id: supervisor.id,
      pcnId: supervisor.pcnId,
      roles: ["coordinator", "supervisor", "lead"],
      superviseeIds: [current.id],
    });
    // They appraise the person they line manage (which gives no supervision) and their supervisee, who has no line
    // manager (ADR 0019).
    expect(signedIn?.appraiseeIds).toEqual([current.id, other.id].sort((a, b) => a - b));
  });

  it("has their roles in the app's order, as getPerson and the list of people have them, whatever order they were given in", async () => {
    const db = getDb();
    const everything = await makePerson(db, {
      pcnId: supervisor.pcnId,
      roles: ["admin", "lead", "supervisor", "coordinator"],
    });
    const inAppOrder = ["coordinator", "supervisor", "lead", "admin"];
    expect((await findSignedInUser(db, await signIn(everything.id), LIMITS))?.person.roles).toEqual(inAppOrder);
    expect((await getPerson(db, everything.id))?.roles).toEqual(inAppOrder);
    const { people } = await listPeople(db, { pcns: { kind: "one", pcnId: supervisor.pcnId! }, page: 1, pageSize: 50 });
    expect(people.find((p) => p.id === everything.id)?.roles).toEqual(inAppOrder);
    expect(people.find((p) => p.id === supervisor.id)?.roles).toEqual(["coordinator", "supervisor", "lead"]);
  });

  it("has no roles and supervises nobody when they have none", async () => {
    const db = getDb();
    await db.deleteFrom("user_roles").where("user_id", "=", other.id).execute();
    const signedIn = await findSignedInUser(db, await signIn(other.id), LIMITS);
    expect(signedIn?.viewer).toMatchObject({ id: other.id, roles: [], superviseeIds: [] });
    expect(signedIn?.appraiseeIds).toEqual([]);
  });

  it("is nobody while the session waits for its second factor, which stays live", async () => {
    const token = await signIn(current.id, true);
    expect(await findSignedInUser(getDb(), token, LIMITS)).toBeNull();
    expect(await findSignedInUser(getDb(), token, LIMITS)).toBeNull();
    const session = await getDb()
      .selectFrom("sessions")
      .select("mfa_pending")
      .where("user_id", "=", current.id)
      .execute();
    expect(session).toEqual([{ mfa_pending: 1 }]);
  });

  it("is nobody after the session's idle or absolute expiry, which deletes the session", async () => {
    const token = await signIn(future.id);
    const now = Date.now();
    expect(await findSignedInUser(getDb(), token, LIMITS, new Date(now + 29 * 60_000))).not.toBeNull();
    expect(await findSignedInUser(getDb(), token, LIMITS, new Date(now + 60 * 60_000))).toBeNull();
    expect(await findSignedInUser(getDb(), token, LIMITS)).toBeNull();
    const expired = await startSession(getDb(), { userId: future.id, mfaPending: false, maxHours: 0 });
    expect(await findSignedInUser(getDb(), expired, LIMITS)).toBeNull();
    expect(await getDb().selectFrom("sessions").select("id_hash").where("user_id", "=", future.id).execute()).toEqual(
      [],
    );
    expect(await findSignedInUser(getDb(), "not a token", LIMITS)).toBeNull();
  });

  it("is nobody once deactivated, even with a session left over", async () => {
    const token = await signIn(ended.id);
    expect(await findSignedInUser(getDb(), token, LIMITS)).not.toBeNull();
    await getDb().updateTable("users").set({ active: 0 }).where("id", "=", ended.id).execute();
    expect(await findSignedInUser(getDb(), token, LIMITS)).toBeNull();
    await setActive(getDb(), ended.id, true, SYSTEM);
    expect(await findSignedInUser(getDb(), token, LIMITS)).toBeNull();
  });
});

/** A handle on the database that notes the name of every column any row it returns holds. */
function noting(db: Kysely<Database>) {
  const columns = new Set<string>();
  const watched = db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      for (const row of args.result.rows) for (const column of Object.keys(row)) columns.add(column);
      return args.result;
    },
  });
  return { db: watched, columns };
}

describe("the password hash and the two-step secret", () => {
  const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  let hash: string;
  beforeAll(async () => {
    await getDb()
      .updateTable("users")
      .set({ totp_enabled: 1, totp_secret: SECRET })
      .where("id", "=", supervisor.id)
      .execute();
    const row = await getDb()
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", supervisor.id)
      .executeTakeFirstOrThrow();
    hash = row.password_hash!;
  });

  it("are not read for the signed-in user or for a person, who say only whether each is set", async () => {
    const { db, columns } = noting(getDb());
    const signedIn = await findSignedInUser(db, await signIn(supervisor.id), LIMITS);
    const loaded = await loadSignedInUser(db, supervisor.id);
    const person = await getPerson(db, supervisor.id);
    const { people } = await listPeople(db, { pcns: { kind: "one", pcnId: supervisor.pcnId! }, page: 1, pageSize: 50 });
    expect(columns.size).toBeGreaterThan(0);
    expect([...columns]).not.toContain("password_hash");
    expect([...columns]).not.toContain("totp_secret");
    expect(person).toMatchObject({ hasPassword: true, totpEnabled: true });
    for (const held of [signedIn, loaded, person, people]) {
      expect(JSON.stringify(held)).not.toContain(hash);
      expect(JSON.stringify(held)).not.toContain(SECRET);
    }
  });

  it("a sign-in with the password alone reads the hash it checks, not the two-step secret", async () => {
    const { db, columns } = noting(getDb());
    const result = await attemptSignIn(db, { email: supervisor.email, password: TEST_PASSWORD, ip: "203.0.113.9" });
    expect(result).toMatchObject({ ok: true, needsSecondFactor: true });
    expect([...columns]).toContain("password_hash");
    expect([...columns]).not.toContain("totp_secret");
  });

  it("reach no page: not the layout, their own account page or their person page", async () => {
    const cookie = await cookieFor(supervisor.id);
    const pages = [
      await load(root.loader, "/", { cookie }),
      await load(accountPage.loader, "/account", { cookie }),
      await load(personPage.loader, `/people/${supervisor.id}`, {
        cookie,
        params: { personId: String(supervisor.id) },
      }),
    ];
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.data)).not.toContain(hash);
      expect(JSON.stringify(page.data)).not.toContain(SECRET);
    }
  });
});
