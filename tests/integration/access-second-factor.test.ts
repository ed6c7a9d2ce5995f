// A deployment that requires two-step sign-in for leads (set before the app reads its configuration).
process.env.REQUIRE_TOTP_FOR = "lead";

/**
 * Why a request is refused is decided once (checkUser): signed out or still without a required second factor. Pages
 * redirect; the API answers 401 or 403. And the signed-in user kept in the load context follows an action that
 * changes it, for a form posted without JavaScript, whose loaders run in the same request.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { totpCode } from "~/lib/totp.server";
import * as readinessApi from "~/routes/api.readiness";
import * as accountTwoFactor from "~/routes/account.two-factor";
import * as peopleIndex from "~/routes/people._index";
import { checkUser } from "~/services/auth.server";
import { makeTeam } from "../../scripts/lib/factories";
import { contextFor, cookieFor, load } from "./harness";

let team: Awaited<ReturnType<typeof makeTeam>>;
beforeAll(async () => {
  team = await makeTeam(getDb());
});

const requestWith = (path: string, cookie: string, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1${path}`, { ...init, headers: { ...init.headers, Cookie: cookie } });

describe("one decision, two answers", () => {
  it("says why: signed out, or a required second factor still missing", async () => {
    const signedOut = requestWith("/people", "");
    expect(await checkUser(signedOut, await contextFor(signedOut))).toEqual({ ok: false, refusal: "signed-out" });
    const lead = requestWith("/people", await cookieFor(team.lead.id));
    expect(await checkUser(lead, await contextFor(lead))).toEqual({ ok: false, refusal: "second-factor-missing" });
    expect(await checkUser(lead, await contextFor(lead), { allowMissingSecondFactor: true })).toMatchObject({
      ok: true,
    });
  });

  it("a page redirects: to sign in, or to set up two-step sign-in", async () => {
    expect((await load(peopleIndex.loader, "/people")).location).toBe("/sign-in?redirectTo=%2Fpeople");
    const lead = await cookieFor(team.lead.id);
    expect((await load(peopleIndex.loader, "/people", { cookie: lead })).location).toBe("/account/two-factor");
  });

  it("the API answers 401 signed out and 403 without the required second factor", async () => {
    const signedOut = await load(readinessApi.loader, "/api/readiness");
    expect([signedOut.status, signedOut.data]).toEqual([401, { error: "Sign in to use this API" }]);
    const lead = await load(readinessApi.loader, "/api/readiness", { cookie: await cookieFor(team.lead.id) });
    expect([lead.status, lead.data]).toEqual([403, { error: "Set up two-step sign-in before using this API" }]);
    const coordinator = await load(readinessApi.loader, "/api/readiness", {
      cookie: await cookieFor(team.coordinator.id),
    });
    expect(coordinator.status).toBe(200);
  });
});

describe("a form posted without JavaScript: the action and then the loaders, in one request", () => {
  it("after turning two-step sign-in on, the page's loader sees it on", async () => {
    const cookie = await cookieFor(team.lead.id);
    const before = await load(accountTwoFactor.loader, "/account/two-factor", { cookie });
    const secret = before.data.setup.secret as string;
    const request = requestWith("/account/two-factor", cookie, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "enable", secret, code: totpCode(secret, Date.now()) }),
    });
    const context = await contextFor(request);
    const done = (await accountTwoFactor.action({ request, params: {}, context })) as { recoveryCodes?: string[] };
    expect(done.recoveryCodes).toHaveLength(10);
    const after = (await accountTwoFactor.loader({ request, params: {}, context })) as { enabled: boolean };
    expect(after.enabled).toBe(true);
  });
});
