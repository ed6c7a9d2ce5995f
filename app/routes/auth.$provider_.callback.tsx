import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SsoRefusal } from "~/components/sso/SsoRefusal";
import { isSsoProvider, SSO_PROVIDER_LABELS, type SsoRefusal as Refusal } from "~/domain/single-sign-on";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { notFound } from "~/services/auth.server";
import { finishSingleSignOn } from "~/services/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign in") }];

const STATUS: Record<Refusal, number> = {
  denied: 400,
  expired: 400,
  unavailable: 503,
  invalid: 400,
  assurance: 403,
  "not-linked": 403,
  "link-failed": 409,
  "wrong-person": 403,
};

/** Where the provider sends the browser back: signed in (or the account linked), or a page saying why not. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const provider = params.provider;
  if (!isSsoProvider(provider)) throw notFound();
  const outcome = await finishSingleSignOn(request, context, provider);
  const headers = new Headers();
  for (const cookie of outcome.setCookie) headers.append("Set-Cookie", cookie);
  const label = SSO_PROVIDER_LABELS[provider];
  if (!outcome.ok)
    return data({ refusal: outcome.refusal, provider: label }, { status: STATUS[outcome.refusal], headers });
  if (outcome.linked && outcome.redirectTo === "/account") {
    const flashed = await redirectWithFlash(request, "/account", `Your ${label} account is linked`);
    for (const cookie of outcome.setCookie) flashed.headers.append("Set-Cookie", cookie);
    return flashed;
  }
  return redirect(outcome.redirectTo, { headers });
}

export default function SignInCallback() {
  const { refusal, provider } = useLoaderData<typeof loader>();
  return <SsoRefusal kind={refusal} provider={provider} />;
}
