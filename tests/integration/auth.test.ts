import { randomBytes, scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, enableSecondFactor, issuePasswordToken } from "~/models/credentials.server";
import { findLiveSession, startSession } from "~/models/session.server";
import { setActive } from "~/models/user.server";
import * as account from "~/routes/account._index";
import * as accountTwoFactor from "~/routes/account.two-factor";
import * as setPassword from "~/routes/set-password.$token";
import * as signIn from "~/routes/sign-in";
import * as signInTwoFactor from "~/routes/sign-in_.two-factor";
import * as signOut from "~/routes/sign-out";
import * as peopleIndex from "~/routes/people._index";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/lib/totp.server";
import { makePerson, makeTeam, TEST_PASSWORD } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";

const LIMITS = { idleMinutes: 30, maxHours: 12 };
const tokenOf = (setCookie: string | null) => decodeURIComponent(/cp_session=([^;]*)/.exec(setCookie ?? "")?.[1] ?? "");

/** Signs in through the real action and returns the raw Set-Cookie header. */
async function signInAs(email: string, password: string, cookie?: string) {
  const form = new URLSearchParams({ email, password, redirectTo: "/" });
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  try {
    return (await signIn.action({
      request: new Request("http://127.0.0.1/sign-in", { method: "POST", headers, body: form }),
      params: {},
      context: { clientAddress: `10.0.0.${Math.floor(Math.random() * 250)}` },
    })) as unknown;
  } catch (thrown) {
    return thrown;
  }
}

const liveCount = async (userId: number) =>
  Number(
    (
      await getDb()
        .selectFrom("sessions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

let team: Awaited<ReturnType<typeof makeTeam>>;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

describe("signing in", () => {
  it("a correct email (in any case) and password start a session and redirect home", async () => {
    const res = (await signInAs(team.coordinator.email.toUpperCase(), TEST_PASSWORD)) as Response;
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await findLiveSession(getDb(), JSON.parse(atob(tokenOf(cookie))) as string, LIMITS)).not.toBeNull();
  });

  it("a wrong password gets a field error, keeps the email typed, and starts no session", async () => {
    const person = await makePerson(getDb());
    const outcome = await submit(signIn.action, "/sign-in", {
      email: person.email,
      password: "not the password at all",
    });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.email).toBe("Enter a correct email address and password");
    expect(outcome.data.values).toEqual({ email: person.email });
    expect(await liveCount(person.id)).toBe(0);
  });

  it("an empty form names both missing fields", async () => {
    const outcome = await submit(signIn.action, "/sign-in", {});
    expect(outcome.data.errors).toEqual({ email: "Enter your email address", password: "Enter your password" });
  });

  it("after 5 failures from one address the account is locked there, even for the right password, saying for how long", async () => {
    const person = await makePerson(getDb());
    for (let i = 0; i < 5; i++)
      await attemptSignIn(getDb(), { email: person.email, password: "wrong password here", ip: "127.0.0.1" });
    const outcome = await submit(signIn.action, "/sign-in", { email: person.email, password: TEST_PASSWORD });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors.form).toMatch(
      /^Too many failed attempts to sign in to this account from your network\. Try again in 15 minutes \(at \d{1,2}:\d\d[ap]m\)\.$/,
    );
    expect(await liveCount(person.id)).toBe(0);
  });

  it("a session id planted before sign-in is ended and replaced (no session fixation)", async () => {
    const person = await makePerson(getDb());
    const planted = await startSession(getDb(), { userId: person.id, mfaPending: true, maxHours: 12 });
    const plantedCookie =
      (await cookieFor(person.id)).replace(/=.*/, "=") + encodeURIComponent(btoa(JSON.stringify(planted)));
    const res = (await signInAs(person.email, TEST_PASSWORD, plantedCookie)) as Response;
    const issued = JSON.parse(atob(tokenOf(res.headers.get("Set-Cookie")))) as string;
    expect(issued).not.toBe(planted);
    expect(await findLiveSession(getDb(), planted, LIMITS)).toBeNull();
    expect(await findLiveSession(getDb(), issued, LIMITS)).not.toBeNull();
  });

  it("a deactivated person cannot sign in, and their open sessions end at once", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    expect((await load(account.loader, "/account", { cookie })).status).toBe(200);
    await setActive(getDb(), person.id, false, { id: null });
    expect((await load(account.loader, "/account", { cookie })).status).toBe(302);
    const outcome = await submit(signIn.action, "/sign-in", { email: person.email, password: TEST_PASSWORD });
    expect(outcome.status).toBe(400);
    expect(await liveCount(person.id)).toBe(0);
  });

  // Hashes past the per-process memory budget wait their turn (ADR 0023): waiting must not turn into a failure.
  it("eight people signing in at the same moment all get in, and a wrong password among them still fails", async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => makePerson(getDb())));
    const wrong = await makePerson(getDb());
    const signInWith = (email: string, password: string) => submit(signIn.action, "/sign-in", { email, password });
    const [failed, ...results] = await Promise.all([
      signInWith(wrong.email, "not the password at all"),
      ...people.map((person) => signInWith(person.email, TEST_PASSWORD)),
    ]);
    expect(failed!.status).toBe(400);
    expect(results.map((outcome) => outcome.status)).toEqual(people.map(() => 302));
    for (const person of people) expect(await liveCount(person.id)).toBe(1);
    expect(await liveCount(wrong.id)).toBe(0);
  });

  it("a password stored with the earlier settings (N = 2^17, p = 1) still signs in, and is stored again with today's", async () => {
    const person = await makePerson(getDb());
    const salt = randomBytes(16);
    const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 2 ** 28 });
    const earlier = ["scrypt", 2 ** 17, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    await getDb().updateTable("users").set({ password_hash: earlier }).where("id", "=", person.id).execute();
    const stored = async () =>
      (await getDb().selectFrom("users").select("password_hash").where("id", "=", person.id).executeTakeFirstOrThrow())
        .password_hash;
    const signInWith = (password: string) => submit(signIn.action, "/sign-in", { email: person.email, password });

    expect((await signInWith("not the password at all")).status).toBe(400);
    expect(await stored()).toBe(earlier);
    expect((await signInWith(TEST_PASSWORD)).status).toBe(302);
    const rehashed = await stored();
    expect(rehashed).toMatch(/^scrypt\$\d+\$8\$3\$/);
    expect((await signInWith(TEST_PASSWORD)).status).toBe(302);
    expect(await stored()).toBe(rehashed);
  }, 20_000);
});

describe("sessions", () => {
  it("end after the idle limit and after the absolute limit", async () => {
    const person = await makePerson(getDb());
    const start = new Date("2026-11-25T09:00:00Z");
    const token = await startSession(getDb(), { userId: person.id, mfaPending: false, maxHours: 12 }, start);
    expect(await findLiveSession(getDb(), token, LIMITS, new Date("2026-11-25T09:29:00Z"))).not.toBeNull();
    expect(await findLiveSession(getDb(), token, LIMITS, new Date("2026-11-25T10:00:00Z"))).toBeNull();
    const busy = await startSession(getDb(), { userId: person.id, mfaPending: false, maxHours: 12 }, start);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(await findLiveSession(getDb(), busy, LIMITS, new Date(start.getTime() + minutes * 60_000))).not.toBeNull();
    }
    expect(
      await findLiveSession(getDb(), busy, LIMITS, new Date(start.getTime() + 12 * 3_600_000 + 60_000)),
    ).toBeNull();
  });

  it("signing out ends the session on the server, not just in the browser", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    const out = await submit(signOut.action, "/sign-out", {}, { cookie });
    expect(out.status).toBe(302);
    expect(await liveCount(person.id)).toBe(0);
    expect((await load(account.loader, "/account", { cookie })).location).toMatch(/^\/sign-in/);
  });

  it("an unauthenticated request is sent to sign in and comes back where it was going", async () => {
    const outcome = await load(peopleIndex.loader, "/people?q=ann");
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent("/people?q=ann")}`);
  });

  it("the return address after sign-in must be on this site", async () => {
    const res = (await (async () => {
      const form = new URLSearchParams({
        email: team.lead.email,
        password: TEST_PASSWORD,
        redirectTo: "//evil.example/",
      });
      try {
        return await signIn.action({
          request: new Request("http://127.0.0.1/sign-in", {
            method: "POST",
            body: form,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
          params: {},
          context: {},
        });
      } catch (thrown) {
        return thrown;
      }
    })()) as Response;
    expect(res.headers.get("Location")).toBe("/");
  });
});

describe("set-password links", () => {
  it("work once, refuse weak passwords without using up the link, and expire after 72 hours", async () => {
    const person = await makePerson(getDb(), { password: null });
    const token = await issuePasswordToken(getDb(), person.id, { id: team.lead.id });
    const path = `/set-password/${token}`;
    const params = { token };
    const weak = await submit(
      setPassword.action,
      path,
      { password: "password1234", confirm: "password1234" },
      { params },
    );
    expect(weak.status).toBe(400);
    expect(weak.data.errors.password).toMatch(
      /^This password would be easy to guess\. This is similar to a commonly used password\./,
    );
    const short = await submit(setPassword.action, path, { password: "short pass", confirm: "short pass" }, { params });
    expect(short.data.errors.password).toBe("Password must be 12 characters or more");
    const mismatch = await submit(
      setPassword.action,
      path,
      { password: "a long enough passphrase", confirm: "something else entirely" },
      { params },
    );
    expect(mismatch.data.errors.confirm).toBe("The passwords do not match");
    const ok = await submit(
      setPassword.action,
      path,
      { password: "a long enough passphrase", confirm: "a long enough passphrase" },
      { params },
    );
    expect(ok.status).toBe(302);
    expect(
      (await attemptSignIn(getDb(), { email: person.email, password: "a long enough passphrase", ip: "203.0.113.1" }))
        .ok,
    ).toBe(true);
    const again = await submit(
      setPassword.action,
      path,
      { password: "another long passphrase", confirm: "another long passphrase" },
      { params },
    );
    expect(again.status).toBe(400);
    expect((await load(setPassword.loader, path, { params })).data.valid).toBe(false);

    const old = await issuePasswordToken(
      getDb(),
      person.id,
      { id: team.lead.id },
      new Date(Date.now() - 73 * 3_600_000),
    );
    expect((await load(setPassword.loader, `/set-password/${old}`, { params: { token: old } })).data.valid).toBe(false);
  });

  it("a new link replaces any earlier unused one", async () => {
    const person = await makePerson(getDb(), { password: null });
    const first = await issuePasswordToken(getDb(), person.id, { id: team.lead.id });
    await issuePasswordToken(getDb(), person.id, { id: team.lead.id });
    expect((await load(setPassword.loader, `/set-password/${first}`, { params: { token: first } })).data.valid).toBe(
      false,
    );
  });
});

describe("changing my password", () => {
  it("needs the current password and a good new one; nothing changes otherwise", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    const wrong = await submit(
      account.action,
      "/account",
      { current: "not my password", password: "a brand new passphrase", confirm: "a brand new passphrase" },
      { cookie },
    );
    expect(wrong.data.errors).toEqual({ current: "Your password is not correct" });
    const own = await submit(
      account.action,
      "/account",
      { current: TEST_PASSWORD, password: person.email, confirm: person.email },
      { cookie },
    );
    expect(own.data.errors.password).toBe("Password must not be your name or email address");
    expect((await attemptSignIn(getDb(), { email: person.email, password: TEST_PASSWORD, ip: "203.0.113.2" })).ok).toBe(
      true,
    );
    const ok = await submit(
      account.action,
      "/account",
      { current: TEST_PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" },
      { cookie },
    );
    expect(ok.flash).toEqual({ message: "Your password has been changed" });
    expect(
      (await attemptSignIn(getDb(), { email: person.email, password: "a brand new passphrase", ip: "203.0.113.3" })).ok,
    ).toBe(true);
  });
});

describe("two-step sign-in", () => {
  it("turning it on needs a correct code; then sign-in asks for a code, which works once", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    const setup = await load(accountTwoFactor.loader, "/account/two-factor", { cookie });
    const secret = setup.data.setup.secret as string;
    // The set-up page shows the key as a QR code, drawn on the server, and in groups of four to type by hand.
    expect(setup.data.setup.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(setup.data.setup.qrSvg).not.toMatch(/<script|style=|href/i);
    expect(setup.data.setup.secretForReading.replaceAll(" ", "")).toBe(secret);
    expect(setup.data.setup.uri).toBe(
      `otpauth://totp/Care%20Portfolio:${encodeURIComponent(person.email)}?secret=${secret}&issuer=Care%20Portfolio&algorithm=SHA1&digits=6&period=30`,
    );
    const bad = await submit(
      accountTwoFactor.action,
      "/account/two-factor",
      { intent: "enable", secret, code: "000000" },
      { cookie },
    );
    expect(bad.data.errors.code).toMatch(/not correct/);
    // After a wrong code the same key comes back, as it is already in the person's app.
    expect(bad.data.setup.secret).toBe(secret);
    const on = await submit(
      accountTwoFactor.action,
      "/account/two-factor",
      { intent: "enable", secret, code: totpCode(secret, Date.now()) },
      { cookie },
    );
    expect(on.data.recoveryCodes).toHaveLength(10);

    const res = (await signInAs(person.email, TEST_PASSWORD)) as Response;
    expect(res.headers.get("Location")).toMatch(/^\/sign-in\/two-factor/);
    const pending = `cp_session=${tokenOf(res.headers.get("Set-Cookie"))}`;
    // Half signed in is not signed in.
    expect((await load(account.loader, "/account", { cookie: pending })).location).toMatch(/^\/sign-in/);
    const wrong = await submit(signInTwoFactor.action, "/sign-in/two-factor", { code: "123456" }, { cookie: pending });
    expect(wrong.status).toBe(400);
    // The code that turned it on cannot be used again; the next one (still within the clock-drift window) can.
    const enablingCode = totpCode(secret, Date.now());
    expect(
      (await submit(signInTwoFactor.action, "/sign-in/two-factor", { code: enablingCode }, { cookie: pending })).status,
    ).toBe(400);
    const code = totpCode(secret, Date.now() + 30_000);
    const done = await submit(signInTwoFactor.action, "/sign-in/two-factor", { code }, { cookie: pending });
    expect(done.status).toBe(302);
    // The half-signed-in session is gone; a fresh one was issued.
    expect((await load(account.loader, "/account", { cookie: pending })).status).toBe(302);

    const second = (await signInAs(person.email, TEST_PASSWORD)) as Response;
    const pending2 = `cp_session=${tokenOf(second.headers.get("Set-Cookie"))}`;
    const replay = await submit(signInTwoFactor.action, "/sign-in/two-factor", { code }, { cookie: pending2 });
    expect(replay.status).toBe(400);
    const recovery = await submit(
      signInTwoFactor.action,
      "/sign-in/two-factor",
      { code: on.data.recoveryCodes[0] },
      { cookie: pending2 },
    );
    expect(recovery.status).toBe(302);
  });
});

describe("signing in: where it leads", () => {
  it.each(["/\t/evil.example/phish", "/\n/evil.example", "/\\evil.example", "//evil.example"])(
    "never sends the user off the site after sign-in (%j)",
    async (redirectTo) => {
      const form = new URLSearchParams({ email: team.lead.email, password: TEST_PASSWORD, redirectTo });
      const res = (await signIn
        .action({
          request: new Request("http://127.0.0.1/sign-in", {
            method: "POST",
            body: form,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
          params: {},
          context: { clientAddress: "192.0.2.77" },
        })
        .catch((r) => r)) as Response;
      expect(res.headers.get("Location")).toBe("/");
    },
  );
});

describe("account security", () => {
  it("changing my password signs out my other sessions but keeps this one", async () => {
    const person = await makePerson(getDb());
    const here = await cookieFor(person.id);
    const elsewhere = await startSession(getDb(), { userId: person.id, mfaPending: false, maxHours: 12 });
    const changed = await submit(
      account.action,
      "/account",
      { current: TEST_PASSWORD, password: "a completely new passphrase", confirm: "a completely new passphrase" },
      { cookie: here },
    );
    expect(changed.flash).toEqual({ message: "Your password has been changed" });
    expect(await findLiveSession(getDb(), elsewhere, { idleMinutes: 30, maxHours: 12 })).toBeNull();
    expect((await load(account.loader, "/account", { cookie: here })).status).toBe(200);
    expect(
      (await attemptSignIn(getDb(), { email: person.email, password: "a completely new passphrase", ip: "192.0.2.78" }))
        .ok,
    ).toBe(true);
  });

  it("two-step sign-in that is on cannot be swapped for another phone without the password", async () => {
    const person = await makePerson(getDb());
    const cookie = await cookieFor(person.id);
    await enableSecondFactor(
      getDb(),
      person.id,
      { secret: "A".repeat(32), step: null, recoveryCodes: ["abcd-efgh-jkmn"] },
      { id: person.id },
    );
    const attackerSecret = "B".repeat(32);
    const swap = await submit(
      accountTwoFactor.action,
      "/account/two-factor",
      { intent: "enable", secret: attackerSecret, code: totpCode(attackerSecret, Date.now()) },
      { cookie },
    );
    expect(swap.data.errors.form).toMatch(/already on/);
    const row = await getDb()
      .selectFrom("users")
      .select("totp_secret")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBe("A".repeat(32));
  });
});
