/** A sign-in through the tests' OpenID provider, as the browser makes it: the button, the provider's pages, the callback. */
import { expect } from "vitest";
import { answerAtProvider } from "../support/oidc-provider";
import { getDb } from "~/lib/db.server";
import * as start from "~/routes/auth.$provider";
import * as callback from "~/routes/auth.$provider_.callback";
import { contextFor } from "./harness";

const ORIGIN = "http://127.0.0.1";
export type Provider = "nhsmail" | "cis2";

/** Presses a provider's button: the provider's authorization URL and the state cookie the browser keeps. */
export async function press(id: Provider, fields: Record<string, string>, cookie?: string) {
  const request = new Request(`${ORIGIN}/auth/${id}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
  const response = (await start.action({
    request,
    params: { provider: id },
    context: await contextFor(request),
  })) as Response;
  expect(response.status).toBe(302);
  const stateCookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return { authorizationUrl: response.headers.get("Location")!, stateCookie };
}

/** Comes back from the provider to the callback: the response, and every cookie it sets. */
export async function arrive(id: Provider, url: URL, cookie: string) {
  const request = new Request(url.href, { headers: { Cookie: cookie } });
  let result: unknown;
  try {
    result = await callback.loader({ request, params: { provider: id }, context: await contextFor(request) });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), refusal: null };
  const { data, init } = result as { data: { refusal: string }; init?: { status?: number } };
  return { status: init?.status ?? 200, location: null, refusal: data.refusal };
}

/** The whole journey: button, provider's pages as `login`, back to the app. */
export async function signInAs(
  id: Provider,
  login: string,
  fields: Record<string, string> = { purpose: "sign-in" },
  cookie?: string,
) {
  const pressed = await press(id, fields, cookie);
  const back = await answerAtProvider(pressed.authorizationUrl, login);
  const jar = [pressed.stateCookie, cookie].filter(Boolean).join("; ");
  return { ...(await arrive(id, back, jar)), back, pressed, jar };
}

export const sessionsOf = (userId: number) =>
  getDb().selectFrom("sessions").select(["signed_in_with", "mfa_pending"]).where("user_id", "=", userId).execute();

export async function linkDirectly(userId: number, id: Provider, subject: string) {
  await getDb()
    .insertInto("identities")
    .values({
      user_id: userId,
      provider: id,
      subject,
      email: null,
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
}
