import { Link } from "~/components/kit/Link";
import { Column, Row } from "~/components/kit/Grid";
import type { SsoRefusal as SsoRefusalKind } from "~/domain/single-sign-on";

/** What each failure says: what happened and what to do, never whether an account exists. */
function words(kind: SsoRefusalKind, provider: string): { title: string; body: string } {
  switch (kind) {
    case "denied":
      return {
        title: `You did not sign in with ${provider}`,
        body: `${provider} says you cancelled or did not agree to share your details, so you have not been signed in.`,
      };
    case "expired":
      return {
        title: "Your sign-in has expired",
        body: "You took longer than 10 minutes, or used the same sign-in twice. Start again from the sign-in page.",
      };
    case "unavailable":
      return {
        title: `${provider} cannot be reached`,
        body: `Try again in a few minutes. If you have a password for Care Portfolio, you can sign in with it instead.`,
      };
    case "invalid":
      return {
        title: "You could not be signed in",
        body: `The answer from ${provider} could not be checked, so you have not been signed in. Try again. If this keeps happening, tell your administrator.`,
      };
    case "assurance":
      return {
        title: "You need to sign in a more secure way",
        body: `${provider} says you signed in a way that is less secure than Care Portfolio needs, so you have not been signed in. Sign in again with your smartcard or another way your organisation has set up at that level. If you are not sure which to use, ask your registration authority.`,
      };
    case "not-linked":
      return {
        title: `Your ${provider} account is not linked to Care Portfolio`,
        body: `Ask your PCN lead or administrator for a link to connect your ${provider} account. If you have a password, you can sign in with it and link your account from My account.`,
      };
    case "link-failed":
      return {
        title: "Your account could not be linked",
        body: `That ${provider} account is already linked to Care Portfolio, or you already have a linked ${provider} account. Ask an administrator to unlink the old one first.`,
      };
    case "wrong-person":
      return {
        title: "Your account could not be linked",
        body: "You were signed out before linking finished. Sign in again and link your account from My account.",
      };
  }
}

export function SsoRefusal({ kind, provider }: { kind: SsoRefusalKind; provider: string }) {
  const { title, body } = words(kind, provider);
  return (
    <Row>
      <Column width="two-thirds">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <Link to="/sign-in">Go to the sign-in page</Link>
        </p>
      </Column>
    </Row>
  );
}
