import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Column, Row } from "~/components/kit/Grid";
import { ProviderButtons } from "~/components/sso/ProviderButtons";
import { getDb } from "~/lib/db.server";
import { pageTitle } from "~/lib/page-title";
import { configuredProviders } from "~/lib/oidc.server";
import { findIdentityLinkToken } from "~/models/identities.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Link your NHS account") }];

export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const found = await findIdentityLinkToken(getDb(), token);
  const providers = configuredProviders().map(({ id, label }) => ({ id, label }));
  return found && providers.length
    ? { valid: true as const, name: found.name, token, providers }
    : { valid: false as const };
}

/** The page a one-time link from an administrator opens: sign in with the NHS account to link it. */
export default function LinkWithToken() {
  const data = useLoaderData<typeof loader>();
  if (!data.valid)
    return (
      <>
        <h1>This link does not work</h1>
        <p>Links to link an NHS account work once and expire after 72 hours. Ask your administrator for a new one.</p>
      </>
    );
  return (
    <Row>
      <Column width="two-thirds">
        <h1>Link your NHS account</h1>
        <p>
          {data.name}, sign in with your NHS account to link it to Care Portfolio. After that you sign in with it
          instead of a password.
        </p>
        <ProviderButtons
          providers={data.providers}
          fields={{ purpose: "link-token", token: data.token }}
          verb="Continue with"
        />
      </Column>
    </Row>
  );
}
