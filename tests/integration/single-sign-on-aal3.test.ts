/** A deployment that requires AAL3 of CIS2 (CIS2_ACR_VALUES=AAL3_ANY): an AAL2 sign-in is refused, AAL3 accepted. */
// First: a real OpenID provider, and the app's settings pointing at it (before the app reads its configuration).
import { provider } from "./sso-provider";

import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { makePerson } from "../../scripts/lib/factories";
import { linkDirectly, sessionsOf, signInAs } from "./sso-journey";

process.env.CIS2_ACR_VALUES = "AAL3_ANY";

afterAll(() => provider.stop());

describe("CIS2 with AAL3 required", () => {
  it("asks for AAL3_ANY, refuses a sign-in that met only AAL2, and accepts one that met AAL3", async () => {
    const person = await makePerson(getDb());
    await linkDirectly(person.id, "cis2", "sub-aal3");
    for (const acr of ["AAL2_OR_AAL3_ANY", "AAL2_ANY"]) {
      provider.accounts.set("sub-aal3", { acr });
      const weaker = await signInAs("cis2", "sub-aal3");
      expect(new URL(weaker.pressed.authorizationUrl).searchParams.get("acr_values")).toBe("AAL3_ANY");
      expect(weaker).toMatchObject({ status: 403, refusal: "assurance" });
    }
    expect(await sessionsOf(person.id)).toEqual([]);

    // The provider answers with the class asked for.
    provider.accounts.set("sub-aal3", {});
    expect(await signInAs("cis2", "sub-aal3")).toMatchObject({ status: 302, location: "/" });
    expect(await sessionsOf(person.id)).toContainEqual({ signed_in_with: "cis2", mfa_pending: 0 });
  });
});
