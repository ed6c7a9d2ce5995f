import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { SecurityCodeInput } from "~/components/SecurityCodeInput";
import { checkSecondFactor } from "~/models/credentials.server";
import { endSession, startSession } from "~/models/session.server";
import { getSessionState, limits, readSessionToken, sessionCookieHeader } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm } from "~/forms/fields";
import { clientAddress, safeRedirect } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";

export const meta: MetaFunction = () => [{ title: pageTitle("Enter your security code") }];

async function pendingSession(request: Request) {
  const session = await getSessionState(request);
  if (!session) throw redirect("/sign-in");
  if (!session.mfaPending) throw redirect("/");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingSession(request);
  return null;
}

const Code = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app, or a recovery code" })
    .trim()
    .min(1, "Enter the 6-digit code from your authenticator app, or a recovery code")
    .max(40, "Enter the 6-digit code from your authenticator app, or a recovery code"),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await pendingSession(request);
  const parsed = parseForm(Code, await request.formData(), { omitFromValues: ["code"] });
  if (!parsed.ok) return invalid(parsed.errors);
  const db = getDb();
  const checked = await checkSecondFactor(db, session.userId, parsed.data.code);
  if (!checked.ok) return invalid({ code: checked.message });
  // The half-signed-in session is replaced by a new one, so its id is never promoted.
  const old = await readSessionToken(request);
  if (old) await endSession(db, old);
  const token = await startSession(db, {
    userId: session.userId,
    mfaPending: false,
    ip: clientAddress(context),
    userAgent: request.headers.get("user-agent"),
    maxHours: limits().maxHours,
  });
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await sessionCookieHeader(request, token) },
  });
}

export default function TwoFactorPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={actionData?.errors} />
        <h1>Enter your security code</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <SecurityCodeInput error={actionData?.errors?.code} />
          <Button>Continue</Button>
        </Form>
      </Column>
    </Row>
  );
}
