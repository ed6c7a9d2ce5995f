/**
 * Sign-in throttling as ADR 0007 describes it, through the real sign-in, set-password and account actions: guessing
 * is slowed, but nobody can lock someone else out, and a practice sharing one address is not locked out together.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { enableSecondFactor, issuePasswordToken } from "~/models/credentials.server";
import * as account from "~/routes/account._index";
import * as accountTwoFactor from "~/routes/account.two-factor";
import * as setPassword from "~/routes/set-password.$token";
import * as signIn from "~/routes/sign-in";
import * as signInTwoFactor from "~/routes/sign-in_.two-factor";
import { startSession } from "~/models/session.server";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/lib/totp.server";
import { makePerson, makeTeam, TEST_PASSWORD } from "../../scripts/lib/factories";
import { cookieFor, submit, type Outcome } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

/** A sign-in form posted from a given network address, as the server would see it. */
async function signInFrom(ip: string, fields: Record<string, string>): Promise<Outcome> {
  const request = new Request("http://127.0.0.1/sign-in", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://127.0.0.1" },
    body: new URLSearchParams({ redirectTo: "/", ...fields }),
  });
  let result: unknown;
  try {
    result = await signIn.action({ request, params: {}, context: { clientAddress: ip } });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), data: null };
  const d = result as { data: unknown; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, location: null, data: d.data };
}

const signedIn = (o: Outcome) => o.status === 302 && o.location === "/";
const halfSignedIn = (o: Outcome) => o.status === 302 && (o.location ?? "").startsWith("/sign-in/two-factor");
let addressCounter = 0;
/** A fresh address for each attempt: how someone guessing from many machines looks. */
const freshAddress = () => {
  addressCounter++;
  return `10.9.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
};

async function failFromManyAddresses(email: string, times: number) {
  for (let i = 0; i < times; i++)
    expect((await signInFrom(freshAddress(), { email, password: `wrong guess ${i}` })).status).toBe(400);
}

async function withSecondFactor() {
  const person = await makePerson(getDb(), { pcnId: team.pcn.id });
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  await enableSecondFactor(
    getDb(),
    person.id,
    { secret, step: null, recoveryCodes: ["abcd-efgh-jkmn"] },
    { id: person.id },
  );
  return { person, secret };
}

describe("someone guessing another person's password", () => {
  it("from one address is stopped after 5 tries there, while the owner signs in from their own address", async () => {
    const owner = await makePerson(getDb(), { pcnId: team.pcn.id });
    for (let i = 0; i < 5; i++) await signInFrom("198.51.100.66", { email: owner.email, password: `guess ${i}` });
    const attacker = await signInFrom("198.51.100.66", { email: owner.email, password: TEST_PASSWORD });
    expect(attacker.data.errors.form).toMatch(
      /^Too many failed attempts to sign in to this account from your network\. Try again in 15 minutes/,
    );
    expect(signedIn(await signInFrom("192.0.2.10", { email: owner.email, password: TEST_PASSWORD }))).toBe(true);
  });

  it("from many addresses makes the account need both factors together, and the owner still gets in with them", async () => {
    const { person: owner, secret } = await withSecondFactor();
    await failFromManyAddresses(owner.email, 20);

    // The right password alone is refused without being checked: a wrong one gets exactly the same answer.
    const right = await signInFrom("192.0.2.20", { email: owner.email, password: TEST_PASSWORD });
    const wrong = await signInFrom("192.0.2.21", { email: owner.email, password: "wrong guess again" });
    expect(right.status).toBe(400);
    expect(right.data.errors.code).toMatch(
      /^There have been too many failed attempts to sign in to this account, so it now needs your password and the code from your authenticator app together\. Enter both, or try again in 60 minutes/,
    );
    expect(right.data.values.askCode).toBe("yes");
    expect(wrong.data).toEqual(right.data);

    // A wrong code, or a right code with a wrong password, answers the same, so neither half can be confirmed alone.
    const badCode = await signInFrom("192.0.2.22", { email: owner.email, password: TEST_PASSWORD, code: "000000" });
    const badPassword = await signInFrom("192.0.2.23", {
      email: owner.email,
      password: "wrong guess again",
      code: totpCode(secret, Date.now()),
    });
    expect(badCode.data).toEqual(right.data);
    expect(badPassword.data).toEqual(right.data);

    const both = await signInFrom("192.0.2.24", {
      email: owner.email,
      password: TEST_PASSWORD,
      code: totpCode(secret, Date.now()),
    });
    expect(signedIn(both)).toBe(true);
  });

  it("from many addresses cannot keep out an owner without two-step sign-in: a fresh set-password link gets them in", async () => {
    const owner = await makePerson(getDb(), { pcnId: team.pcn.id });
    await failFromManyAddresses(owner.email, 15);
    // Some of it from the practice's own address, so the owner is held up there too.
    const practice = "192.0.2.30";
    for (let i = 0; i < 5; i++) await signInFrom(practice, { email: owner.email, password: `guess ${i}` });
    expect((await signInFrom(practice, { email: owner.email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await signInFrom("192.0.2.32", { email: owner.email, password: TEST_PASSWORD })).data.values.askCode).toBe(
      "yes",
    );
    const token = await issuePasswordToken(getDb(), owner.id, { id: team.lead.id });
    const set = await submit(
      setPassword.action,
      `/set-password/${token}`,
      { password: "lantern harbour pebble orchard", confirm: "lantern harbour pebble orchard" },
      { params: { token } },
    );
    expect(set.status).toBe(302);
    expect(
      signedIn(await signInFrom(practice, { email: owner.email, password: "lantern harbour pebble orchard" })),
    ).toBe(true);
    expect(
      signedIn(await signInFrom("192.0.2.31", { email: owner.email, password: "lantern harbour pebble orchard" })),
    ).toBe(true);
  });

  it("the code field, once shown, takes a person with two-step sign-in straight in when the account is not locked", async () => {
    const { person, secret } = await withSecondFactor();
    expect(halfSignedIn(await signInFrom("192.0.2.40", { email: person.email, password: TEST_PASSWORD }))).toBe(true);
    expect(
      signedIn(
        await signInFrom("192.0.2.41", {
          email: person.email,
          password: TEST_PASSWORD,
          code: totpCode(secret, Date.now() + 30_000),
        }),
      ),
    ).toBe(true);
    const wrongCode = await signInFrom("192.0.2.42", { email: person.email, password: TEST_PASSWORD, code: "123456" });
    expect(wrongCode.data.errors).toEqual({ email: "Enter a correct email address, password and security code" });
  });
});

describe("someone guessing security codes", () => {
  it("after 5 wrong security codes the second step is locked, even for the right code", async () => {
    const { person, secret } = await withSecondFactor();
    const token = await startSession(getDb(), { userId: person.id, mfaPending: true, maxHours: 12 });
    const cookie = (await cookieFor(person.id)).replace(/=.*/, "=") + encodeURIComponent(btoa(JSON.stringify(token)));
    for (let i = 0; i < 5; i++)
      await submit(signInTwoFactor.action, "/sign-in/two-factor", { code: String(100000 + i) }, { cookie });
    const right = await submit(
      signInTwoFactor.action,
      "/sign-in/two-factor",
      { code: totpCode(secret, Date.now()) },
      { cookie },
    );
    expect(right.status).toBe(400);
    expect(right.data.errors.code).toMatch(
      /^Too many wrong security codes\. Try again in 15 minutes \(at \d{1,2}:\d\d[ap]m\)\.$/,
    );
  });
});

describe("a practice sharing one network address", () => {
  it("is not locked out by one person's mistakes, nor by 99 failures among everyone; 100 lock the address", async () => {
    const shared = "198.51.100.200";
    const forgetful = await makePerson(getDb(), { pcnId: team.pcn.id });
    const colleague = await makePerson(getDb(), { pcnId: team.pcn.id });
    for (let i = 0; i < 5; i++) await signInFrom(shared, { email: forgetful.email, password: `not it ${i}` });
    expect((await signInFrom(shared, { email: forgetful.email, password: TEST_PASSWORD })).status).toBe(400);
    expect(signedIn(await signInFrom(shared, { email: colleague.email, password: TEST_PASSWORD }))).toBe(true);

    // 94 more failures spread over other people (5 already counted): 99 in all from the address.
    for (let i = 0; i < 94; i++)
      await signInFrom(shared, { email: `someone${i % 30}@practice.example`, password: "not it" });
    expect(signedIn(await signInFrom(shared, { email: colleague.email, password: TEST_PASSWORD }))).toBe(true);
    await signInFrom(shared, { email: "one-more@practice.example", password: "not it" });
    const locked = await signInFrom(shared, { email: colleague.email, password: TEST_PASSWORD });
    expect(locked.data.errors.form).toMatch(
      /^Too many failed sign-in attempts from your network\. Try again in 15 minutes \(at \d{1,2}:\d\d[ap]m\)\.$/,
    );
  });
});

describe("the current password, asked again when signed in", () => {
  it("on the account page: 5 wrong, then even the right one is refused for a while and nothing changes", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    const cookie = await cookieFor(person.id);
    const change = (current: string) =>
      submit(
        account.action,
        "/account",
        { current, password: "quiet meadow copper kettle", confirm: "quiet meadow copper kettle" },
        { cookie },
      );
    for (let i = 0; i < 5; i++)
      expect((await change(`guess ${i}`)).data.errors).toEqual({ current: "Your password is not correct" });
    const right = await change(TEST_PASSWORD);
    expect(right.data.errors.current).toMatch(
      /^Too many wrong passwords\. Try again in 15 minutes \(at \d{1,2}:\d\d[ap]m\)\.$/,
    );
    expect(signedIn(await signInFrom("192.0.2.50", { email: person.email, password: TEST_PASSWORD }))).toBe(true);
  });

  it("on turning off two-step sign-in: the same limit, and it stays on", async () => {
    const { person } = await withSecondFactor();
    const cookie = await cookieFor(person.id);
    const off = (current: string) =>
      submit(accountTwoFactor.action, "/account/two-factor", { intent: "disable", current }, { cookie });
    for (let i = 0; i < 5; i++) await off(`guess ${i}`);
    expect((await off(TEST_PASSWORD)).data.errors.current).toMatch(/^Too many wrong passwords\./);
    const row = await getDb()
      .selectFrom("users")
      .select("totp_enabled")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(1);
  });
});
