import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/lib/flash.server";
import { ChoiceGroup, ErrorSummary, TextInput } from "~/components/Fields";
import { changePassword, checkCurrentPassword } from "~/models/credentials.server";
import { jobRoleTitle } from "~/content/index.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm, passwordEntered, refusalOf } from "~/forms/fields";
import { newPasswordSchema } from "~/forms/new-password.server";
import { APP_ROLE_LABELS } from "~/domain/vocabulary";
import { SummaryList } from "~/components/SummaryList";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { Column, Row } from "~/components/kit/Grid";
import { setEmailNotices, wantsEmailNotices } from "~/models/notices.server";
import { emailNoticesSchema, EMAIL_NOTICE_CHOICES } from "~/forms/email-notices";
import { identitiesOf } from "~/services/single-sign-on.server";
import { LinkedAccounts } from "~/components/sso/LinkedAccounts";
import { ProviderButtons } from "~/components/sso/ProviderButtons";

export const meta: MetaFunction = () => [{ title: pageTitle("My account") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { person } = await requireUser(request, context, { allowMissingSecondFactor: true });
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    pcnName: person.pcnName,
    jobRole: jobRoleTitle(person.jobRole),
    roles: person.roles.map((r) => APP_ROLE_LABELS[r]),
    totpEnabled: person.totpEnabled,
    emailNotices: await wantsEmailNotices(getDb(), person.id),
    identities: await identitiesOf(person.id),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  if (form.get("intent") === "email-notices") {
    const choice = parseForm(emailNoticesSchema, form);
    if (!choice.ok) return invalid(choice.errors);
    await setEmailNotices(getDb(), user.viewer.id, choice.data.emailNotices === "yes", actorOf(user, context));
    return redirectWithFlash(request, "/account", "Your choice about notifications by email has been saved");
  }
  const { email, name, pcnName } = user.person;
  const schema = newPasswordSchema({ email, name, pcnName }, "The new passwords do not match", {
    current: passwordEntered("Enter your current password"),
  });
  const parsed = parseForm(schema, form, { omitFromValues: ["current", "password", "confirm"] });
  if (!parsed.ok) return invalid(parsed.errors);
  const db = getDb();
  const current = await checkCurrentPassword(db, user.viewer.id, parsed.data.current);
  if (!current.ok) return invalid({ current: current.message });
  await changePassword(db, user.viewer.id, parsed.data.password, actorOf(user, context), user.sessionHash);
  return redirectWithFlash(request, "/account", "Your password has been changed");
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors } = refusalOf(actionData);
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <h1>My account</h1>
        <SummaryList
          rows={[
            ["Name", account.name],
            ["Email", account.email],
            ["PCN", account.pcnName ?? "None"],
            ["Job role", account.jobRole ?? "None"],
            ["Roles", account.roles.join(", ")],
            ["Two-step sign-in", account.totpEnabled ? "On" : "Off"],
          ]}
        />
        <p>
          <Link to="/account/two-factor">
            {account.totpEnabled ? "Manage two-step sign-in" : "Turn on two-step sign-in"}
          </Link>
        </p>
        <p>
          <a href={`/people/${account.id}/personal-data.tar`} download>
            Download all the personal data held about you (TAR archive)
          </a>
        </p>
        <h2>Notifications by email</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email-notices" />
          <ChoiceGroup
            name="emailNotices"
            legend="Do you want an email when you have new notifications?"
            hint="You will always see your notifications in Care Portfolio."
            options={EMAIL_NOTICE_CHOICES}
            selected={[account.emailNotices ? "yes" : "no"]}
            error={errors?.emailNotices}
          />
          <Button>Save choice</Button>
        </Form>
        {account.identities.linked.length || account.identities.canLink.length ? (
          <>
            <h2>NHS accounts</h2>
            <LinkedAccounts accounts={account.identities.linked} canUnlink={false} />
            <ProviderButtons providers={account.identities.canLink} fields={{ purpose: "link" }} verb="Link your" />
          </>
        ) : null}
        <h2>Change your password</h2>
        <Form method="post" noValidate>
          <input type="text" name="username" autoComplete="username" defaultValue={account.email} hidden readOnly />
          <TextInput
            name="current"
            label="Current password"
            type="password"
            autoComplete="current-password"
            error={errors?.current}
          />
          <TextInput
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="Use 12 characters or more. A few random words together make a strong password that is easy to remember."
            error={errors?.password}
          />
          <TextInput
            name="confirm"
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
            error={errors?.confirm}
          />
          <Button>Change password</Button>
        </Form>
      </Column>
    </Row>
  );
}
