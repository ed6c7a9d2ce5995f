// A deployment that requires two-step sign-in for admins and leads (set before the app reads its configuration).
process.env.REQUIRE_TOTP_FOR = "admin,lead";

import { beforeAll, describe, expect, it } from "vitest";
import * as accountTwoFactor from "~/routes/account.two-factor";
import * as peopleIndex from "~/routes/people._index";
import * as home from "~/routes/_index";
import { sessionCookieHeader } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/lib/totp.server";
import { makeTeam } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

describe("a deployment that requires two-step sign-in for leads", () => {
  it("sends a lead without it to set it up before anything else, and lets them in once it is on", async () => {
    const cookie = await cookieFor(team.lead.id);
    expect((await load(peopleIndex.loader, "/people", { cookie })).location).toBe("/account/two-factor");
    const setup = await load(accountTwoFactor.loader, "/account/two-factor", { cookie });
    expect(setup.data.mustEnrol).toBe(true);
    await submit(
      accountTwoFactor.action,
      "/account/two-factor",
      { intent: "enable", secret: setup.data.setup.secret, code: totpCode(setup.data.setup.secret, Date.now()) },
      { cookie },
    );
    expect((await load(peopleIndex.loader, "/people", { cookie })).status).toBe(200);
    const off = await submit(
      accountTwoFactor.action,
      "/account/two-factor",
      { intent: "disable", current: "anything" },
      { cookie },
    );
    expect(off.data.errors.form).toBe("Your role must use two-step sign-in, so it cannot be turned off");
  });

  it("the home page sends them to set it up too, before showing any staff data", async () => {
    const other = await makeTeam(getDb());
    expect((await load(home.loader, "/", { cookie: await cookieFor(other.lead.id) })).location).toBe(
      "/account/two-factor",
    );
  });

  it("does not get in the way of staff whose role does not require it", async () => {
    const cookie = await cookieFor(team.coordinator.id);
    expect((await load(home.loader, "/", { cookie })).status).toBe(200);
  });
});

describe("the session cookie", () => {
  it("is marked Secure when the app is served over HTTPS, and never readable by scripts", async () => {
    const https = await sessionCookieHeader(new Request("https://care.example.nhs.uk/"), "token");
    const http = await sessionCookieHeader(new Request("http://127.0.0.1/"), "token");
    expect(https).toMatch(/; Secure/);
    expect(http).not.toMatch(/Secure/);
    for (const c of [https, http]) {
      expect(c).toMatch(/; HttpOnly/);
      expect(c).toMatch(/; SameSite=Lax/);
    }
  });
});
