import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NotificationBanner } from "~/components/kit/NotificationBanner";
import { ErrorSummary, TextInput } from "~/components/Fields";
import { SecurityCodeInput } from "~/components/SecurityCodeInput";
import { attemptSignIn, type SignInResult } from "~/models/credentials.server";
import { beginSession, currentUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { passwordAllowed, signInProviders } from "~/services/single-sign-on.server";
import { ProviderButtons, ProviderSignOut } from "~/components/sso/ProviderButtons";
import { emailAddress, invalid, parseForm, value, type FieldErrors } from "~/forms/fields";
import { clientAddress, safeRedirect } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign in") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await currentUser(request, context)) throw redirect("/");
  return signInProviders(new URL(request.url).searchParams.get("provider"));
}

const SignIn = z.object({
  email: emailAddress("Enter your email address"),
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(1024, "Password must be 1024 characters or fewer"),
  // Only asked for while the account's own limit holds (ADR 0007); blank otherwise.
  code: z.string().trim().max(40, "Enter the 6-digit code from your authenticator app, or a recovery code").optional(),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(SignIn, await request.formData(), { omitFromValues: ["password", "code"] });
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const { email, password, code, redirectTo } = parsed.data;
  const db = getDb();
  const result = await attemptSignIn(db, { email, password, code, ip: clientAddress(context) });
  if (!result.ok) return refusal(result, email, Boolean(code));
  // Asked only once the password is right, so it says nothing about accounts to someone who does not know it.
  if (!(await passwordAllowed(result.userId)))
    return invalid(
      { form: "Your role must sign in with your NHS account, not a password. Use the button above" },
      { email },
    );

  const cookie = await beginSession(request, context, { userId: result.userId, mfaPending: result.needsSecondFactor });
  const next = safeRedirect(redirectTo);
  const destination = result.needsSecondFactor ? `/sign-in/two-factor?redirectTo=${encodeURIComponent(next)}` : next;
  return redirect(destination, { headers: { "Set-Cookie": cookie } });
}

/** The error where it belongs; the code field stays on the page once it has been asked for or used. */
function refusal(result: Exclude<SignInResult, { ok: true }>, email: string, codeGiven: boolean) {
  const askCode = result.reason === "needs-code" || codeGiven;
  const errors: FieldErrors =
    result.reason === "throttled"
      ? { form: result.message }
      : result.reason === "needs-code"
        ? { code: result.message }
        : { email: result.message };
  return invalid(errors, askCode ? { email, askCode: "yes" } : { email });
}

export default function SignInPage() {
  const actionData = useActionData<typeof action>();
  const { providers, signOutOf } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors = actionData?.errors;
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        {params.get("signedOut") === "1" ? <NotificationBanner message="You have signed out." /> : null}
        {signOutOf ? <ProviderSignOut provider={signOutOf} /> : null}
        <h1>Sign in to Care Portfolio</h1>
        {providers.length ? (
          <>
            <ProviderButtons
              providers={providers}
              fields={{ purpose: "sign-in", redirectTo: params.get("redirectTo") ?? "/" }}
              verb="Sign in with"
            />
            <h2>Or sign in with your email address and password</h2>
          </>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            error={errors?.email}
            defaultValue={value(actionData?.values, "email")}
          />
          <TextInput
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            error={errors?.password}
          />
          {value(actionData?.values, "askCode") === "yes" ? <SecurityCodeInput error={errors?.code} /> : null}
          <Button>Sign in</Button>
        </Form>
        <p>If you do not have a password yet, ask your PCN lead or administrator for a set-password link.</p>
      </Column>
    </Row>
  );
}
