import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextInput } from "~/components/Fields";
import { checkCurrentPassword, disableSecondFactor, enableSecondFactor } from "~/models/credentials.server";
import {
  actorOf,
  forgetCurrentUser,
  mustEnrolSecondFactor,
  requireUser,
  secondFactorRequired,
} from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm, passwordEntered, refusalOf, type FieldErrors } from "~/forms/fields";
import { generateRecoveryCodes, generateTotpSecret, totpSetup, verifyTotp } from "~/lib/totp.server";
import { pageTitle } from "~/lib/page-title";
import { Button, ButtonLink } from "~/components/kit/Button";

export const meta: MetaFunction = () => [{ title: pageTitle("Two-step sign-in") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { allowMissingSecondFactor: true });
  return {
    enabled: user.person.totpEnabled,
    mustEnrol: mustEnrolSecondFactor(user),
    required: secondFactorRequired(user),
    setup: user.person.totpEnabled ? null : await totpSetup(generateTotpSecret(), user.person.email),
  };
}

const SETUP_KEY = /^[A-Z2-7]{32}$/;

const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("enable"),
      secret: z.string().regex(SETUP_KEY, "Start again: the set-up key was not recognised"),
      code: z
        .string({ error: "Enter the 6-digit code from your app" })
        .trim()
        .regex(/^\d{6}$/, "Enter the 6-digit code from your app"),
    }),
    z.object({
      intent: z.literal("disable"),
      current: passwordEntered("Enter your password"),
    }),
  ],
  { error: "Choose what to do" },
);

/**
 * A refused code shows the same key (and its QR code) again, however the code was wrong: the person has already
 * added that key to their app, and a new one would never match what it shows.
 */
async function refusedKeepingKey(errors: FieldErrors, secret: string, email: string) {
  return data({ errors, values: {}, setup: await totpSetup(secret, email) }, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { allowMissingSecondFactor: true });
  const form = await request.formData();
  const parsed = parseForm(Intent, form, { omitFromValues: ["current", "code"] });
  if (!parsed.ok) {
    const secret = form.get("secret");
    if (form.get("intent") === "enable" && typeof secret === "string" && SETUP_KEY.test(secret))
      return refusedKeepingKey(parsed.errors, secret, user.person.email);
    return invalid(parsed.errors, parsed.values);
  }
  const db = getDb();
  const actor = actorOf(user, context);
  if (parsed.data.intent === "enable") {
    const proof = verifyTotp(parsed.data.secret, parsed.data.code, Date.now());
    if (!proof.ok) {
      const errors = { code: "The code is not correct. Check the time on your phone and enter the current code" };
      return refusedKeepingKey(errors, parsed.data.secret, user.person.email);
    }
    const recoveryCodes = generateRecoveryCodes();
    const enabled = await enableSecondFactor(
      db,
      user.viewer.id,
      { secret: parsed.data.secret, step: proof.step, recoveryCodes },
      actor,
    );
    if (!enabled)
      return invalid({
        form: "Two-step sign-in is already on. To use a new phone, turn it off with your password, then on again",
      });
    forgetCurrentUser(context);
    return { recoveryCodes };
  }
  if (secondFactorRequired(user))
    return invalid({ form: "Your role must use two-step sign-in, so it cannot be turned off" });
  const current = await checkCurrentPassword(db, user.viewer.id, parsed.data.current);
  if (!current.ok) return invalid({ current: current.message });
  await disableSecondFactor(db, user.viewer.id, actor);
  forgetCurrentUser(context);
  return { disabled: true };
}

export default function TwoFactor() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors } = refusalOf(actionData);
  const setup = (actionData && "setup" in actionData ? actionData.setup : null) ?? page.setup;
  if (actionData && "recoveryCodes" in actionData && actionData.recoveryCodes) {
    return (
      <>
        <h1>Two-step sign-in is on</h1>
        <p>
          Keep these recovery codes somewhere safe. Each one works once if you lose your phone. They will not be shown
          again.
        </p>
        <ul className="nhsuk-list app-mono" data-testid="recovery-codes">
          {actionData.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <ButtonLink to="/">Continue</ButtonLink>
      </>
    );
  }
  if (page.enabled && !(actionData && "disabled" in actionData)) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1>Two-step sign-in</h1>
          <p>Two-step sign-in is on. You enter a code from your authenticator app each time you sign in.</p>
          {page.required ? (
            <p>Your role must use two-step sign-in.</p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="disable" />
              <TextInput
                name="current"
                label="Enter your password to turn it off"
                type="password"
                autoComplete="current-password"
                error={errors?.current}
              />
              <Button variant="secondary">Turn off two-step sign-in</Button>
            </Form>
          )}
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Turn on two-step sign-in</h1>
        {page.mustEnrol ? (
          <p className="nhsuk-lede-text">Your role needs two-step sign-in before you can continue.</p>
        ) : null}
        <ol className="nhsuk-list nhsuk-list--number">
          <li>Open an authenticator app on your phone, such as Microsoft Authenticator.</li>
          <li>
            Add an account and scan this QR code:
            {/* SVG drawn by the qrcode library on the server from the key alone: no script, no style, nothing fetched. */}
            <div
              className="app-qr-code"
              role="img"
              aria-label="QR code for setting up two-step sign-in"
              data-testid="totp-qr-code"
              dangerouslySetInnerHTML={{ __html: setup?.qrSvg ?? "" }}
            />
            If you cannot scan it, enter this set-up key instead:{" "}
            <strong className="app-mono" data-testid="totp-secret">
              {setup?.secretForReading}
            </strong>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="enable" />
          <input type="hidden" name="secret" value={setup?.secret ?? ""} />
          <TextInput
            name="code"
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            width={5}
            error={errors?.code}
          />
          <Button>Turn on</Button>
        </Form>
        {setup ? (
          <p className="nhsuk-body-s">
            On this device? <a href={setup.uri}>Open the set-up link in your authenticator app</a>.
          </p>
        ) : null}
      </div>
    </div>
  );
}
