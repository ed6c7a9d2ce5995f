/**
 * Resetting someone's two-step sign-in (lost phone) and giving them a set-password link: an administrator, or a
 * lead for people in their PCN who are not administrators; never for oneself; asked twice; audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, enableSecondFactor } from "~/models/credentials.server";
import { startSession } from "~/models/session.server";
import * as personPage from "~/routes/people.$personId._index";
import { getDb } from "~/lib/db.server";
import { makePerson, TEST_PASSWORD } from "../../scripts/lib/factories";
import { describeAccess, makeWorld, type AccessCase, type World } from "./access-table";
import { cookieFor, load, submit } from "./harness";

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/** Straight into the table, so the only audit rows are the ones the request under test writes. */
const turnOnQuietly = (userId: number) =>
  getDb().updateTable("users").set({ totp_enabled: 1, totp_secret: SECRET }).where("id", "=", userId).execute();
const totpOn = async (userId: number) =>
  (await getDb().selectFrom("users").select("totp_enabled").where("id", "=", userId).executeTakeFirstOrThrow())
    .totp_enabled === 1;
const resetAs = (cookie: string, personId: number, fields: Record<string, string> = { confirm: "yes" }) =>
  submit(
    personPage.action,
    `/people/${personId}`,
    { intent: "reset-two-factor", ...fields },
    { cookie, params: { personId: String(personId) } },
  );

const target = () => world.home.coordinator;

const cases: AccessCase[] = [
  {
    name: "POST /people/:id reset two-step sign-in (a coordinator in the home PCN)",
    allowed: ["admin", "lead"],
    mutates: true,
    run: async (r) => {
      await turnOnQuietly(target().id);
      // Each reset ends the target's sessions, so the target asking about themselves needs a fresh one.
      const cookie = r === "coordinator" ? await cookieFor(target().id) : world.cookies[r];
      return resetAs(cookie, target().id);
    },
  },
];

describeAccess(cases);

describe("resetting two-step sign-in", () => {
  it("asks first; then turns it off, ends their sessions, and is audited; they sign in with their password alone", async () => {
    const person = await makePerson(getDb(), { pcnId: world.home.pcn.id });
    await enableSecondFactor(
      getDb(),
      person.id,
      { secret: SECRET, step: null, recoveryCodes: ["abcd-efgh-jkmn"] },
      { id: person.id },
    );
    await startSession(getDb(), { userId: person.id, mfaPending: false, maxHours: 12 });
    const leadCookie = world.cookies.lead;

    const page = await load(personPage.loader, `/people/${person.id}`, {
      cookie: leadCookie,
      params: { personId: String(person.id) },
    });
    expect(page.data.canResetSignIn).toBe(true);
    expect(page.data.person.totpEnabled).toBe(true);

    expect((await resetAs(leadCookie, person.id, {})).data).toEqual({ confirmResetTwoFactor: true });
    expect(await totpOn(person.id)).toBe(true);

    const done = await resetAs(leadCookie, person.id);
    expect(done.flash?.message).toMatch(/^Two-step sign-in reset for Person \d+\. They have been signed out\./);
    expect(await totpOn(person.id)).toBe(false);
    const db = getDb();
    expect(await db.selectFrom("recovery_codes").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect(await db.selectFrom("sessions").select("id_hash").where("user_id", "=", person.id).execute()).toEqual([]);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "user")
      .where("entity_id", "=", String(person.id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: "reset-two-factor",
      actor_id: world.home.lead.id,
      pcn_id: world.home.pcn.id,
      ip: "127.0.0.1",
    });

    expect(await attemptSignIn(db, { email: person.email, password: TEST_PASSWORD, ip: "192.0.2.60" })).toEqual({
      ok: true,
      userId: person.id,
      needsSecondFactor: false,
    });
    // Nothing left to reset: said plainly, nothing written.
    expect((await resetAs(leadCookie, person.id)).data.errors).toEqual({
      form: `${person.name} does not use two-step sign-in`,
    });
  });

  it("a lead cannot reset an administrator in their PCN; an administrator can reset a lead", async () => {
    const admin = await makePerson(getDb(), { pcnId: world.home.pcn.id, roles: ["admin"], jobRole: null });
    await turnOnQuietly(admin.id);
    expect((await resetAs(world.cookies.lead, admin.id)).status).toBe(404);
    expect(await totpOn(admin.id)).toBe(true);

    await turnOnQuietly(world.home.lead.id);
    expect((await resetAs(world.cookies.admin, world.home.lead.id)).flash?.message).toMatch(/^Two-step sign-in reset/);
    expect(await totpOn(world.home.lead.id)).toBe(false);
  });

  it("nobody resets their own, nor gives themselves a set-password link: the account page asks for their password", async () => {
    const admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
    await turnOnQuietly(admin.id);
    const cookie = await cookieFor(admin.id);
    const own = "To change your own password or two-step sign-in, go to My account";
    expect((await resetAs(cookie, admin.id)).data.errors).toEqual({ form: own });
    expect(
      (
        await submit(
          personPage.action,
          `/people/${admin.id}`,
          { intent: "password-link" },
          { cookie, params: { personId: String(admin.id) } },
        )
      ).data.errors,
    ).toEqual({ form: own });
    expect(await totpOn(admin.id)).toBe(true);
    expect(
      (await load(personPage.loader, `/people/${admin.id}`, { cookie, params: { personId: String(admin.id) } })).data
        .canResetSignIn,
    ).toBe(false);
  });
});
