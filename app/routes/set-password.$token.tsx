import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextInput } from "~/components/Fields";
import { findPasswordToken, redeemPasswordToken } from "~/models/credentials.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm } from "~/forms/fields";
import { newPasswordSchema } from "~/forms/new-password.server";
import { clientAddress } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { redirectWithFlash } from "~/lib/flash.server";
import { Button } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Set your password") }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPasswordToken(getDb(), params.token ?? "");
  return { valid: Boolean(found), name: found?.name ?? null, email: found?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const token = params.token ?? "";
  const found = await findPasswordToken(db, token);
  if (!found)
    return invalid({ form: "This link has expired or has already been used. Ask your PCN lead for a new one" });
  const { email, name, pcnName } = found;
  const schema = newPasswordSchema({ email, name, pcnName }, "The passwords do not match", {});
  const parsed = parseForm(schema, await request.formData(), { omitFromValues: ["password", "confirm"] });
  if (!parsed.ok) return invalid(parsed.errors);
  const userId = await redeemPasswordToken(db, token, parsed.data.password, clientAddress(context));
  if (userId === null)
    return invalid({ form: "This link has expired or has already been used. Ask your PCN lead for a new one" });
  return redirectWithFlash(request, "/sign-in", "Your password has been set. Sign in with it now.");
}

export default function SetPassword() {
  const { valid, name, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!valid) {
    return (
      <>
        <h1>This link does not work</h1>
        <p>Set-password links work once and expire after 72 hours. Ask your PCN lead or administrator for a new one.</p>
      </>
    );
  }
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        <h1>Set your password</h1>
        <p>
          {name}, you will sign in with <strong>{email}</strong>.
        </p>
        <Form method="post" noValidate>
          <input type="text" name="username" autoComplete="username" defaultValue={email ?? ""} hidden readOnly />
          <TextInput
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="Use 12 characters or more. A few random words together make a strong password that is easy to remember."
            error={actionData?.errors?.password}
          />
          <TextInput
            name="confirm"
            label="Type the password again"
            type="password"
            autoComplete="new-password"
            error={actionData?.errors?.confirm}
          />
          <Button>Set password</Button>
        </Form>
      </Column>
    </Row>
  );
}
