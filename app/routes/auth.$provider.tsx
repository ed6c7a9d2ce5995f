import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { SsoRefusal } from "~/components/sso/SsoRefusal";
import { isSsoProvider, SSO_PROVIDER_LABELS } from "~/domain/single-sign-on";
import { parseForm } from "~/forms/fields";
import { pageTitle } from "~/lib/page-title";
import { notFound, requireUser } from "~/services/auth.server";
import { startSingleSignOn, type SsoStart } from "~/services/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign in") }];

/** Only the buttons post here; a plain visit goes to the sign-in page. */
export function loader() {
  return redirect("/sign-in");
}

const Start = z.discriminatedUnion("purpose", [
  z.object({ purpose: z.literal("sign-in"), redirectTo: z.string().max(2000).default("/") }),
  z.object({ purpose: z.literal("link") }),
  z.object({ purpose: z.literal("link-token"), token: z.string().min(1).max(200) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const provider = params.provider;
  if (!isSsoProvider(provider)) throw notFound();
  const parsed = parseForm(Start, await request.formData());
  if (!parsed.ok) return redirect("/sign-in");
  const input = parsed.data;
  const start: SsoStart =
    input.purpose === "link"
      ? { purpose: "link", userId: (await requireUser(request, context, { allowMissingSecondFactor: true })).viewer.id }
      : input;
  try {
    const started = await startSingleSignOn(request, provider, start);
    if (!started) throw notFound();
    return redirect(started.location, { headers: { "Set-Cookie": started.setCookie } });
  } catch (error) {
    if (error instanceof Response) throw error;
    // Discovery failed: the provider is down or unreachable from here.
    console.warn(JSON.stringify({ time: new Date().toISOString(), level: "warn", event: "sso-unavailable", provider }));
    return data({ provider: SSO_PROVIDER_LABELS[provider] }, { status: 503 });
  }
}

export default function StartSignIn() {
  const failed = useActionData<typeof action>();
  return <SsoRefusal kind="unavailable" provider={failed?.provider ?? "The provider"} />;
}
