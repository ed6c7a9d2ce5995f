import { Form } from "@remix-run/react";
import { Button } from "~/components/kit/Button";

export interface ProviderChoice {
  id: string;
  label: string;
}

/**
 * One button per single sign-on provider, each posting to that provider's start page. A full page load, not a
 * fetch: the answer is a redirect to the provider's own site.
 */
export function ProviderButtons({
  providers,
  fields,
  verb,
}: {
  providers: readonly ProviderChoice[];
  fields: Record<string, string>;
  verb: "Sign in with" | "Link your" | "Continue with";
}) {
  return (
    <div className="nhsuk-button-group">
      {providers.map((provider) => (
        <Form key={provider.id} method="post" action={`/auth/${provider.id}`} reloadDocument>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button variant="secondary">
            {verb} {provider.label}
            {verb === "Link your" ? " account" : ""}
          </Button>
        </Form>
      ))}
    </div>
  );
}

/** After signing out of a session a provider began: its own sign-out, since that account stays signed in there. */
export function ProviderSignOut({ provider }: { provider: { label: string; href: string } }) {
  return (
    <p data-testid="provider-sign-out">
      You may still be signed in to {provider.label} on this device.{" "}
      <a href={provider.href}>Sign out of {provider.label}</a>
    </p>
  );
}
