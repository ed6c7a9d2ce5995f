// First: a real OpenID provider, and the app's settings pointing at it (before the app reads its configuration).
import { provider } from "./sso-provider";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerAtProvider } from "../support/oidc-provider";
import * as signIn from "~/routes/sign-in";
import * as account from "~/routes/account._index";
import * as identitiesPage from "~/routes/people.$personId.single-sign-on";
import * as linkPage from "~/routes/sign-in_.link.$token";
import { getDb } from "~/lib/db.server";
import { makePerson, makeTeam, TEST_PASSWORD } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";
import { arrive, linkDirectly, press, sessionsOf, signInAs } from "./sso-journey";

process.env.SSO_LINK_BY_EMAIL = "true";
process.env.SSO_CREATE_ACCOUNTS_FOR = "new-starters.example";
process.env.REQUIRE_SSO_FOR = "lead";

afterAll(() => provider.stop());

let team: Awaited<ReturnType<typeof makeTeam>>;
let admin: Awaited<ReturnType<typeof makePerson>>;
beforeAll(async () => {
  team = await makeTeam(getDb());
  admin = await makePerson(getDb(), { roles: ["admin"], pcnId: null, jobRole: null });
});

describe("signing in through a provider", () => {
  it("signs in a linked person with NHSmail (client secret), as after a password: a session and an audit entry", async () => {
    await linkDirectly(team.coordinator.id, "nhsmail", "sub-coordinator");
    provider.accounts.set("sub-coordinator", { email: "someone.else@nhs.net", email_verified: true });
    const result = await signInAs("nhsmail", "sub-coordinator", { purpose: "sign-in", redirectTo: "/people" });
    expect(result).toMatchObject({ status: 302, location: "/people" });
    expect(await sessionsOf(team.coordinator.id)).toContainEqual({ signed_in_with: "nhsmail", mfa_pending: 0 });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("actor_id", "=", team.coordinator.id)
      .where("action", "=", "sign-in-sso")
      .execute();
    expect(audit).toEqual([{ action: "sign-in-sso", after_json: JSON.stringify({ provider: "nhsmail" }) }]);
  });

  it("signs in with CIS2 by signed JWT, asking for the configured assurance level", async () => {
    await linkDirectly(team.supervisor.id, "cis2", "cis2-supervisor");
    const result = await signInAs("cis2", "cis2-supervisor");
    expect(new URL(result.pressed.authorizationUrl).searchParams.get("acr_values")).toBe("AAL2_OR_AAL3_ANY");
    expect(new URL(result.pressed.authorizationUrl).searchParams.get("scope")).toBe(
      "openid profile email nhsperson associatedorgs",
    );
    expect(result).toMatchObject({ status: 302, location: "/" });
    expect(await sessionsOf(team.supervisor.id)).toContainEqual({ signed_in_with: "cis2", mfa_pending: 0 });
    // Signed by the app's key and addressed to the token endpoint, as CIS2 documents for a client assertion.
    expect(provider.lastClientAssertion).toMatchObject({
      iss: "cis2-test",
      sub: "cis2-test",
      aud: `${provider.issuer}/token`,
    });
  });

  it("sends the request with PKCE, a state and a nonce", async () => {
    const { authorizationUrl } = await press("nhsmail", { purpose: "sign-in" });
    const params = new URL(authorizationUrl).searchParams;
    expect(params.get("code_challenge_method")).toBe("S256");
    for (const name of ["code_challenge", "state", "nonce"]) expect(params.get(name)).toMatch(/^[\w-]{20,}$/);
  });
});

describe("refused answers", () => {
  let person: Awaited<ReturnType<typeof makePerson>>;
  beforeAll(async () => {
    person = await makePerson(getDb());
    await linkDirectly(person.id, "nhsmail", "sub-refusals");
  });

  async function refusedWithoutSession(result: { status: number; refusal: string | null }, refusal: string) {
    expect(result).toMatchObject({ refusal });
    expect(await sessionsOf(person.id)).toEqual([]);
  }

  it("a wrong state", async () => {
    const pressed = await press("nhsmail", { purpose: "sign-in" });
    const back = await answerAtProvider(pressed.authorizationUrl, "sub-refusals");
    back.searchParams.set("state", "not-the-state-we-sent");
    await refusedWithoutSession(await arrive("nhsmail", back, pressed.stateCookie), "invalid");
  });

  it("an answer in a browser that did not ask (no state cookie)", async () => {
    const pressed = await press("nhsmail", { purpose: "sign-in" });
    const back = await answerAtProvider(pressed.authorizationUrl, "sub-refusals");
    await refusedWithoutSession(await arrive("nhsmail", back, ""), "expired");
  });

  it("a replayed code: the same answer again, and the code under a fresh request", async () => {
    const first = await signInAs("nhsmail", "sub-refusals");
    expect(first.status).toBe(302);
    await getDb().deleteFrom("sessions").where("user_id", "=", person.id).execute();
    await refusedWithoutSession(await arrive("nhsmail", first.back, first.jar), "expired");
    const fresh = await press("nhsmail", { purpose: "sign-in" });
    const replay = new URL(first.back);
    replay.searchParams.set("state", new URLSearchParams(new URL(fresh.authorizationUrl).search).get("state")!);
    await refusedWithoutSession(await arrive("nhsmail", replay, fresh.stateCookie), "invalid");
  });

  describe("ID tokens the provider signed but should not have sent", () => {
    afterAll(() => {
      provider.tamperIdToken = null;
    });
    const now = () => Math.floor(Date.now() / 1000);
    it.each([
      ["a wrong nonce", { nonce: "someone-elses-nonce" }],
      ["an expired ID token", { iat: now() - 7200, exp: now() - 3600 }],
      ["a wrong audience", { aud: "another-client" }],
      ["a token not valid yet: the provider's clock an hour ahead", { nbf: now() + 3600 }],
    ])("%s", async (_name, changes) => {
      provider.tamperIdToken = (claims) => ({ ...claims, ...changes });
      await refusedWithoutSession(await signInAs("nhsmail", "sub-refusals"), "invalid");
    });
  });

  it("an answer after the sign-in request has expired (over 10 minutes)", async () => {
    const pressed = await press("nhsmail", { purpose: "sign-in" });
    const back = await answerAtProvider(pressed.authorizationUrl, "sub-refusals");
    await getDb()
      .updateTable("sign_in_requests")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    await refusedWithoutSession(await arrive("nhsmail", back, pressed.stateCookie), "expired");
  });

  it("consent refused at the provider", async () => {
    const pressed = await press("nhsmail", { purpose: "sign-in" });
    const back = await answerAtProvider(pressed.authorizationUrl, "sub-refusals", true);
    await refusedWithoutSession(await arrive("nhsmail", back, pressed.stateCookie), "denied");
  });

  it("an unknown subject, with the same page as any other account it cannot use", async () => {
    provider.accounts.set("sub-stranger", { email: "stranger@elsewhere.example", email_verified: true });
    const result = await signInAs("nhsmail", "sub-stranger");
    expect(result).toMatchObject({ status: 403, refusal: "not-linked" });
    const ghost = await getDb()
      .selectFrom("users")
      .select("id")
      .where("email_key", "=", "stranger@elsewhere.example")
      .execute();
    expect(ghost).toEqual([]);
  });

  it("an unverified email, although linking by email is on", async () => {
    const target = await makePerson(getDb());
    provider.accounts.set("sub-unverified", { email: target.email, email_verified: false });
    expect(await signInAs("nhsmail", "sub-unverified")).toMatchObject({ status: 403, refusal: "not-linked" });
    expect(await sessionsOf(target.id)).toEqual([]);
    const linked = await getDb().selectFrom("identities").select("id").where("user_id", "=", target.id).execute();
    expect(linked).toEqual([]);
  });

  it("a deactivated person's identity, with the same page as an unknown one", async () => {
    const leaver = await makePerson(getDb());
    await linkDirectly(leaver.id, "nhsmail", "sub-leaver");
    await getDb().updateTable("users").set({ active: 0 }).where("id", "=", leaver.id).execute();
    expect(await signInAs("nhsmail", "sub-leaver")).toMatchObject({ status: 403, refusal: "not-linked" });
    expect(await sessionsOf(leaver.id)).toEqual([]);
  });
});

describe("the assurance level CIS2 says the sign-in met (AAL2 or above asked for)", () => {
  let person: Awaited<ReturnType<typeof makePerson>>;
  beforeAll(async () => {
    person = await makePerson(getDb());
    await linkDirectly(person.id, "cis2", "sub-assurance");
  });

  it.each([
    ["a password only (AAL1_USERPASS)", "AAL1_USERPASS", "acr AAL1_USERPASS is below the AAL2 asked for"],
    ["no acr at all", null, "acr none is below the AAL2 asked for"],
    ["a class it does not know", "urn:example:loa:3", "acr urn?example?loa?3 is below the AAL2 asked for"],
  ])("refuses %s with its own page, and logs why without tokens or who it was", async (_name, acr, detail) => {
    provider.accounts.set("sub-assurance", { email: person.email, email_verified: true, name: person.name, acr });
    const logged: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((line: unknown) => void logged.push(String(line)));
    const result = await signInAs("cis2", "sub-assurance").finally(() => warn.mockRestore());
    expect(result).toMatchObject({ status: 403, refusal: "assurance" });
    expect(await sessionsOf(person.id)).toEqual([]);
    const refusals = logged.filter((line) => line.includes('"sso-refused"')).map((line) => JSON.parse(line) as unknown);
    expect(refusals).toEqual([
      expect.objectContaining({ event: "sso-refused", provider: "cis2", refusal: "assurance", detail }),
    ]);
    const code = result.back.searchParams.get("code")!;
    for (const secret of ["sub-assurance", person.email, person.name, code])
      expect(logged.join("\n")).not.toContain(secret);
  });

  it("accepts a sign-in stronger than asked for (AAL3 by smartcard)", async () => {
    provider.accounts.set("sub-assurance", { acr: "AAL3_N3_SMARTCARD" });
    expect(await signInAs("cis2", "sub-assurance")).toMatchObject({ status: 302, location: "/" });
    expect(await sessionsOf(person.id)).toContainEqual({ signed_in_with: "cis2", mfa_pending: 0 });
  });

  it("does not ask NHSmail for an assurance level (its sign-ins above carry no acr)", async () => {
    const { authorizationUrl } = await press("nhsmail", { purpose: "sign-in" });
    expect(new URL(authorizationUrl).searchParams.has("acr_values")).toBe(false);
  });
});

describe("linking accounts to people", () => {
  it("links by a verified email on first sign-in (the setting is on), then by subject even if the email changes", async () => {
    const person = await makePerson(getDb());
    provider.accounts.set("sub-by-email", { email: person.email.toUpperCase(), email_verified: true });
    expect(await signInAs("nhsmail", "sub-by-email")).toMatchObject({ status: 302, location: "/" });
    provider.accounts.set("sub-by-email", { email: "changed@nhs.net", email_verified: true });
    expect(await signInAs("nhsmail", "sub-by-email")).toMatchObject({ status: 302 });
    const sessions = await sessionsOf(person.id);
    expect(sessions).toHaveLength(2);
  });

  it("links by email when Entra ID vouches for it with xms_edov instead of email_verified", async () => {
    const person = await makePerson(getDb());
    provider.accounts.set("sub-edov", { email: person.email, xms_edov: true });
    expect(await signInAs("nhsmail", "sub-edov")).toMatchObject({ status: 302, location: "/" });
    expect(await sessionsOf(person.id)).toHaveLength(1);
  });

  it("does not link by email when xms_edov is false, or when email_verified is false whatever xms_edov says", async () => {
    const person = await makePerson(getDb());
    provider.accounts.set("sub-edov-false", { email: person.email, xms_edov: false });
    expect(await signInAs("nhsmail", "sub-edov-false")).toMatchObject({ status: 403, refusal: "not-linked" });
    provider.accounts.set("sub-edov-overruled", { email: person.email, email_verified: false, xms_edov: true });
    expect(await signInAs("nhsmail", "sub-edov-overruled")).toMatchObject({ status: 403, refusal: "not-linked" });
    expect(await sessionsOf(person.id)).toEqual([]);
  });

  it("links from My account while signed in, and lists the account there", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    provider.accounts.set("sub-self-link", {});
    const result = await signInAs("cis2", "sub-self-link", { purpose: "link" }, cookie);
    expect(result).toMatchObject({ status: 302, location: "/account" });
    const page = await load(account.loader, "/account", { cookie });
    expect(page.data.identities.linked).toMatchObject([{ provider: "cis2" }]);
    expect(page.data.identities.canLink).toEqual([{ id: "nhsmail", label: "NHSmail" }]);
  });

  it("refuses a link finished by someone other than who started it", async () => {
    const person = await makePerson(getDb());
    const other = await makePerson(getDb());
    const pressed = await press("nhsmail", { purpose: "link" }, await cookieFor(person.id));
    const back = await answerAtProvider(pressed.authorizationUrl, "sub-hijack");
    const result = await arrive("nhsmail", back, `${pressed.stateCookie}; ${await cookieFor(other.id)}`);
    expect(result.refusal).toBe("wrong-person");
    expect(await getDb().selectFrom("identities").select("id").where("subject", "=", "sub-hijack").execute()).toEqual(
      [],
    );
  });

  it("an administrator's one-time link links the identity and signs the person in; the link then stops working", async () => {
    const person = await makePerson(getDb(), { password: null });
    const adminCookie = await cookieFor(admin.id);
    const issued = await submit(
      identitiesPage.action,
      `/people/${person.id}/single-sign-on`,
      { intent: "link-token" },
      {
        cookie: adminCookie,
        params: { personId: String(person.id) },
      },
    );
    const link = new URL(issued.flash!.copy!.text);
    const token = link.pathname.split("/").pop()!;
    expect((await load(linkPage.loader, link.pathname, { params: { token } })).data).toMatchObject({ valid: true });

    const result = await signInAs("nhsmail", "sub-by-link", { purpose: "link-token", token });
    expect(result).toMatchObject({ status: 302, location: "/account" });
    expect(await sessionsOf(person.id)).toContainEqual({ signed_in_with: "nhsmail", mfa_pending: 0 });
    expect((await load(linkPage.loader, link.pathname, { params: { token } })).data).toEqual({ valid: false });
    expect(await signInAs("nhsmail", "sub-by-link")).toMatchObject({ status: 302, location: "/" });
  });

  it("an administrator unlinks an identity; it then cannot sign in", async () => {
    const person = await makePerson(getDb());
    await linkDirectly(person.id, "nhsmail", "sub-to-unlink");
    const params = { personId: String(person.id) };
    const page = await load(identitiesPage.loader, `/people/${person.id}/single-sign-on`, {
      cookie: await cookieFor(admin.id),
      params,
    });
    const [identity] = page.data.linked;
    const done = await submit(
      identitiesPage.action,
      `/people/${person.id}/single-sign-on`,
      { intent: "unlink", identityId: String(identity.id) },
      { cookie: await cookieFor(admin.id), params },
    );
    expect(done.flash?.message).toMatch(/Account unlinked/);
    expect(await signInAs("nhsmail", "sub-to-unlink")).toMatchObject({ status: 403, refusal: "not-linked" });
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(person.id))
      .where("action", "=", "unlink-identity")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it.each(["lead", "supervisor", "coordinator"] as const)(
    "a %s may not see or change anyone's linked accounts (404, as for a record they may not see)",
    async (role) => {
      const params = { personId: String(team.coordinator.id) };
      const cookie = await cookieFor(team[role].id);
      const path = `/people/${team.coordinator.id}/single-sign-on`;
      expect((await load(identitiesPage.loader, path, { cookie, params })).status).toBe(404);
      expect((await submit(identitiesPage.action, path, { intent: "link-token" }, { cookie, params })).status).toBe(
        404,
      );
    },
  );

  it("creates an account for a listed domain, with no PCN or role, only from a verified email", async () => {
    provider.accounts.set("sub-new-starter", {
      email: "new.starter@new-starters.example",
      email_verified: true,
      name: "New Starter",
    });
    expect(await signInAs("nhsmail", "sub-new-starter")).toMatchObject({ status: 302, location: "/" });
    const created = await getDb()
      .selectFrom("users")
      .select(["id", "name", "pcn_id", "job_role"])
      .where("email_key", "=", "new.starter@new-starters.example")
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ name: "New Starter", pcn_id: null, job_role: null });
    const roles = await getDb().selectFrom("user_roles").select("role").where("user_id", "=", created.id).execute();
    expect(roles).toEqual([]);

    provider.accounts.set("sub-unverified-starter", { email: "other@new-starters.example", email_verified: false });
    expect(await signInAs("nhsmail", "sub-unverified-starter")).toMatchObject({ refusal: "not-linked" });
  });
});

describe("single sign-on required for a role (REQUIRE_SSO_FOR=lead)", () => {
  it("refuses a lead's right password, and lets them in through the provider", async () => {
    const before = await sessionsOf(team.lead.id);
    const refused = await submit(signIn.action, "/sign-in", { email: team.lead.email, password: TEST_PASSWORD });
    expect(refused.data.errors.form).toBe(
      "Your role must sign in with your NHS account, not a password. Use the button above",
    );
    expect(await sessionsOf(team.lead.id)).toEqual(before);
    await linkDirectly(team.lead.id, "cis2", "sub-lead");
    expect(await signInAs("cis2", "sub-lead")).toMatchObject({ status: 302, location: "/" });
  });

  it("gives a wrong password the usual answer, so it says nothing about the account", async () => {
    const refused = await submit(signIn.action, "/sign-in", {
      email: team.lead.email,
      password: "wrong password here",
    });
    expect(refused.data.errors).toEqual({ email: "Enter a correct email address and password" });
  });

  it.each(["supervisor", "admin"] as const)("lets a %s use their password", async (role) => {
    const person = await makePerson(getDb(), { roles: [role], pcnId: null, jobRole: null });
    expect((await submit(signIn.action, "/sign-in", { email: person.email, password: TEST_PASSWORD })).status).toBe(
      302,
    );
  });

  it("refuses the password of someone who is a lead as well as a supervisor", async () => {
    const person = await makePerson(getDb(), { roles: ["supervisor", "lead"], pcnId: team.pcn.id, jobRole: null });
    const refused = await submit(signIn.action, "/sign-in", { email: person.email, password: TEST_PASSWORD });
    expect(refused.data.errors.form).toBe(
      "Your role must sign in with your NHS account, not a password. Use the button above",
    );
    expect(await sessionsOf(person.id)).toEqual([]);
  });

  it("lets other roles use their password", async () => {
    const allowed = await submit(signIn.action, "/sign-in", { email: team.colleague.email, password: TEST_PASSWORD });
    expect(allowed.status).toBe(302);
  });

  it("shows a button for each configured provider on the sign-in page", async () => {
    const page = await load(signIn.loader, "/sign-in");
    expect(page.data.providers).toEqual([
      { id: "nhsmail", label: "NHSmail" },
      { id: "cis2", label: "NHS Care Identity (CIS2)" },
    ]);
  });
});
