import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RecoveryCodes, TwoFactorOn, TwoFactorSetup } from "~/components/account/TwoFactor";
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
  if (actionData && "recoveryCodes" in actionData && actionData.recoveryCodes)
    return <RecoveryCodes codes={actionData.recoveryCodes} />;
  if (page.enabled && !(actionData && "disabled" in actionData))
    return <TwoFactorOn required={page.required} errors={errors} />;
  return <TwoFactorSetup setup={setup} mustEnrol={page.mustEnrol} errors={errors} />;
}
