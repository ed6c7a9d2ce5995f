/** Holes found in review, each closed and kept closed. */
import { beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, enableSecondFactor } from "~/models/credentials.server";
import { findLiveSession, startSession } from "~/models/session.server";
import * as account from "~/routes/account._index";
import * as accountTwoFactor from "~/routes/account.two-factor";
import * as personPage from "~/routes/people.$personId._index";
import * as personEdit from "~/routes/people.$personId.edit";
import * as signIn from "~/routes/sign-in";
import * as signInTwoFactor from "~/routes/sign-in_.two-factor";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/lib/totp.server";
import { appraisalYear } from "~/domain/appraisal-year";
import { todayInLondon } from "~/domain/training-status";
import { createEvidence, moveEvidence, saveEvidence } from "~/models/evidence.server";
import { gatherPortfolio } from "~/services/portfolio-export.server";
import * as dashboard from "~/routes/dashboard";
import * as home from "~/routes/_index";
import * as evidenceNew from "~/routes/evidence.new";
import { makePerson, makeTeam, TEST_PASSWORD } from "../factories";
import { cookieFor, load, submit, submitMultipart } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
let leadCookie: string;
beforeAll(async () => {
  team = await makeTeam(getDb());
  leadCookie = await cookieFor(team.lead.id);
});

describe("a PCN lead and an administrator in their PCN", () => {
  it("the lead can see the admin but cannot change their email, reset their password or deactivate them", async () => {
    const admin = await makePerson(getDb(), { pcnId: team.pcn.id, roles: ["admin"], jobRole: null });
    const params = { params: { personId: String(admin.id) } };
    expect(
      (await load(personPage.loader, `/people/${admin.id}`, { cookie: leadCookie, ...params })).data.canManage,
    ).toBe(false);
    expect((await load(personEdit.loader, `/people/${admin.id}/edit`, { cookie: leadCookie, ...params })).status).toBe(
      404,
    );
    const takeover = await submit(
      personEdit.action,
      `/people/${admin.id}/edit`,
      { name: "Admin", email: "attacker@evil.example", roles: ["coordinator"] },
      { cookie: leadCookie, ...params },
    );
    expect(takeover.status).toBe(404);
    expect(
      (
        await submit(
          personPage.action,
          `/people/${admin.id}`,
          { intent: "password-link" },
          { cookie: leadCookie, ...params },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await submit(
          personPage.action,
          `/people/${admin.id}`,
          { intent: "deactivate", confirm: "yes" },
          { cookie: leadCookie, ...params },
        )
      ).status,
    ).toBe(404);
    const row = await getDb()
      .selectFrom("users")
      .select(["email", "active"])
      .where("id", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: admin.email, active: 1 });
  });
});

describe("deactivating someone", () => {
  it("asks first, and only the confirmed request deactivates them", async () => {
    const person = await makePerson(getDb(), { pcnId: team.pcn.id });
    const params = { params: { personId: String(person.id) } };
    const asked = await submit(personPage.action, "/x", { intent: "deactivate" }, { cookie: leadCookie, ...params });
    expect(asked.data).toEqual({ confirmDeactivate: true });
    const active = () =>
      getDb().selectFrom("users").select("active").where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(await active()).toEqual({ active: 1 });
    await submit(personPage.action, "/x", { intent: "deactivate", confirm: "yes" }, { cookie: leadCookie, ...params });
    expect(await active()).toEqual({ active: 0 });
  });
});

describe("dates that do not exist", () => {
  it("a start date of 31 February is refused on the person form", async () => {
    const params = { params: { personId: String(team.colleague.id) } };
    const outcome = await submit(
      personEdit.action,
      "/x",
      {
        name: "Colleague",
        email: team.colleague.email,
        roles: ["coordinator"],
        "startDate-day": "31",
        "startDate-month": "2",
        "startDate-year": "2026",
      },
      { cookie: leadCookie, ...params },
    );
    expect(outcome.data.errors).toEqual({ startDate: "The start date must be a real date" });
  });

  it("an arrangement left without a date starts today (in the UK); an impossible date is refused", async () => {
    const staff = await makePerson(getDb(), { pcnId: team.pcn.id });
    const params = { params: { personId: String(staff.id) } };
    const blank = await submit(
      personPage.action,
      "/x",
      {
        intent: "add-arrangement",
        kind: "line-manager",
        arrangementPersonId: String(team.lead.id),
        "startedOn-day": "",
        "startedOn-month": "",
        "startedOn-year": "",
      },
      { cookie: leadCookie, ...params },
    );
    expect(blank.flash).toEqual({ message: "Line manager recorded" });
    const row = await getDb()
      .selectFrom("supervision_arrangements")
      .select("started_on")
      .where("staff_id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(row.started_on).toBe(todayInLondon(new Date()));
    const impossible = await submit(
      personPage.action,
      "/x",
      {
        intent: "add-arrangement",
        kind: "first-contact",
        arrangementPersonId: String(team.lead.id),
        "startedOn-day": "31",
        "startedOn-month": "2",
        "startedOn-year": "2026",
      },
      { cookie: leadCookie, ...params },
    );
    expect(impossible.data.errors).toEqual({ startedOn: "The date the arrangement starts must be a real date" });
  });

  it("a tampered form gets plain words, not a validator's message", async () => {
    const params = { params: { personId: String(team.coordinator.id) } };
    const outcome = await submit(
      personPage.action,
      "/x",
      { intent: "end-arrangement", arrangementId: "abc" },
      { cookie: leadCookie, ...params },
    );
    expect(outcome.data.errors.arrangementId).toBe("Choose an arrangement to end");
    const noIntent = await submit(personPage.action, "/x", { intent: "explode" }, { cookie: leadCookie, ...params });
    expect(noIntent.data.errors.intent).toBe("Choose what to do");
  });
});

describe("signing in", () => {
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

  it("after 5 wrong security codes the second step is locked, even for the right code", async () => {
    const person = await makePerson(getDb());
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    await enableSecondFactor(
      getDb(),
      person.id,
      { secret, step: null, recoveryCodes: ["abcd-efgh-jkmn"] },
      { id: person.id },
    );
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

describe("odds and ends", () => {
  it("evidence sent back shows on the owner's home page with the supervisor's comment", async () => {
    const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
    const input = {
      title: "Sent back",
      activityDate: "2026-10-01",
      type: "other",
      whatHappened: "a",
      whatLearned: "b",
      whatNext: "c",
      competencyIds: ["pc-2"],
      attachmentIds: [],
      patientDataFindings: null,
    };
    const id = await createEvidence(getDb(), owner, input, "test", { id: owner.id });
    await moveEvidence(getDb(), id, { action: "submit", as: "owner", pcnId: owner.pcnId }, { id: owner.id });
    await moveEvidence(
      getDb(),
      id,
      { action: "return", as: "reviewer", comment: "Add what you learned.", pcnId: owner.pcnId },
      { id: team.supervisor.id },
    );
    const homePage = await load(home.loader, "/", { cookie: await cookieFor(owner.id) });
    expect(homePage.data.returned).toContainEqual({ id, title: "Sent back", comment: "Add what you learned." });
  });

  it("a file still selected after a form error is attached once, not twice", async () => {
    const cookie = await cookieFor(team.coordinator.id);
    const form = (title: string, keep: string[] = []) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({
        title,
        activityDate: "2026-10-01",
        type: "other",
        whatHappened: "a",
        whatLearned: "b",
        whatNext: "c",
        competencyIds: "pc-1",
      }))
        f.append(k, v);
      for (const id of keep) f.append("attachmentIds", id);
      f.append("files", new File([new TextEncoder().encode("%PDF-1.4 same file")], "notes.pdf"));
      return f;
    };
    const first = await submitMultipart(evidenceNew.action, "/evidence/new", form(""), { cookie });
    expect(first.data.errors).toEqual({ title: "Enter a title" });
    const again = await submitMultipart(
      evidenceNew.action,
      "/evidence/new",
      form("Now with a title", first.data.values.attachmentIds),
      { cookie },
    );
    expect(again.status).toBe(302);
    const id = Number(again.location!.split("/").pop());
    const links = await getDb()
      .selectFrom("evidence_versions")
      .innerJoin("evidence_version_attachments", "evidence_version_attachments.version_id", "evidence_versions.id")
      .select("attachment_id")
      .where("evidence_id", "=", id)
      .execute();
    expect(links).toHaveLength(1);
  });

  it("a file upload that does not say how big it is is refused before it is read", async () => {
    const form = new FormData();
    form.append("title", "x");
    // A FormData body is streamed without a Content-Length, which a browser never does.
    const request = new Request("http://127.0.0.1/evidence/new", {
      method: "POST",
      body: form,
      headers: { Cookie: await cookieFor(team.coordinator.id) },
    });
    const res = (await evidenceNew.action({ request, params: {}, context: {} }).catch((r) => r)) as Response;
    expect(res.status).toBe(411);
  });

  it("an admin asking the dashboard for a PCN that does not exist gets 404, not an empty page", async () => {
    const admin = await makePerson(getDb(), { roles: ["admin"], jobRole: null });
    expect((await load(dashboard.loader, "/dashboard?pcn=999999", { cookie: await cookieFor(admin.id) })).status).toBe(
      404,
    );
  });

  it("the appraisal PDF shows the accepted text while a later amendment is still a draft", async () => {
    const owner = { id: team.coordinator.id, pcnId: team.pcn.id };
    const base = {
      title: "Accepted title",
      activityDate: todayInLondon(new Date()),
      type: "other",
      whatHappened: "Accepted text",
      whatLearned: "l",
      whatNext: "n",
      competencyIds: ["pc-1"],
      attachmentIds: [],
      patientDataFindings: null,
    };
    const id = await createEvidence(getDb(), owner, base, "test", { id: owner.id });
    await moveEvidence(getDb(), id, { action: "submit", as: "owner", pcnId: owner.pcnId }, { id: owner.id });
    await moveEvidence(
      getDb(),
      id,
      { action: "accept", as: "reviewer", pcnId: owner.pcnId },
      { id: team.supervisor.id },
    );
    await saveEvidence(
      getDb(),
      id,
      owner,
      { ...base, title: "Draft title", whatHappened: "Draft text" },
      { id: owner.id },
    );
    const period = appraisalYear(todayInLondon(new Date()));
    const data = await gatherPortfolio(getDb(), owner.id, period, "owner");
    const entry = data!.evidence.find((e) => e.title === "Accepted title");
    expect(entry).toMatchObject({ status: "accepted", version: 1, whatHappened: "Accepted text" });
    expect(data!.evidence.some((e) => e.title === "Draft title")).toBe(false);
  });
});
