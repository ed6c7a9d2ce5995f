import { describe, expect, it } from "vitest";
import * as signIn from "~/routes/sign-in";
import * as account from "~/routes/account._index";
import * as start from "~/routes/auth.$provider";
import * as callback from "~/routes/auth.$provider_.callback";
import { securityHeaders } from "~/lib/security.server";
import { getDb } from "~/lib/db.server";
import { makePerson, TEST_PASSWORD } from "../../scripts/lib/factories";
import { cookieFor, load, submit } from "./harness";

describe("a deployment with no single sign-on configured", () => {
  it("offers no provider on the sign-in page and signs in with a password as before", async () => {
    expect((await load(signIn.loader, "/sign-in")).data).toEqual({ providers: [], signOutOf: null });
    const person = await makePerson(getDb(), { roles: ["lead"], pcnId: null, jobRole: null });
    expect((await submit(signIn.action, "/sign-in", { email: person.email, password: TEST_PASSWORD })).status).toBe(
      302,
    );
  });

  it("has no provider pages, offers no linking on My account, and keeps the CSP's form-action to itself", async () => {
    for (const id of ["nhsmail", "cis2"]) {
      const params = { provider: id };
      expect((await submit(start.action, `/auth/${id}`, { purpose: "sign-in" }, { params })).status).toBe(404);
      expect((await load(callback.loader, `/auth/${id}/callback?code=x&state=y`, { params })).data.refusal).toBe(
        "expired",
      );
    }
    const person = await makePerson(getDb());
    const page = await load(account.loader, "/account", { cookie: await cookieFor(person.id) });
    expect(page.data.identities).toEqual({ linked: [], canLink: [] });
    expect(securityHeaders("n", false)["Content-Security-Policy"]).toContain("form-action 'self';");
  });
});
