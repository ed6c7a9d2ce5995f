import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/Fields";
import { PostButton } from "~/components/kit/Button";
import { PageHeading } from "~/components/kit/Text";
import { LinkedAccounts } from "~/components/sso/LinkedAccounts";
import { canManageIdentities } from "~/domain/permissions";
import { invalid, parseForm, recordId, refusalOf } from "~/forms/fields";
import { getDb } from "~/lib/db.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/page-title";
import { idParam } from "~/lib/request.server";
import { IDENTITY_LINK_HOURS, issueIdentityLinkToken, unlinkIdentity } from "~/models/identities.server";
import { actorOf, requireUserWho } from "~/services/auth.server";
import { personFor } from "~/services/person-page.server";
import { identitiesOf } from "~/services/single-sign-on.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`NHS accounts: ${data?.name ?? "Person"}`) },
];

/** Administrators only: anyone else is told the page does not exist, as for a person they may not see. */
async function personForAdmin(args: LoaderFunctionArgs) {
  const user = await requireUserWho(args.request, args.context, canManageIdentities);
  return { user, person: await personFor(user, idParam(args.params.personId)) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { person } = await personForAdmin(args);
  const { linked, canLink } = await identitiesOf(person.id);
  return { id: person.id, name: person.name, linked, providersConfigured: linked.length + canLink.length > 0 };
}

const Intent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("unlink"), identityId: recordId("Choose an account to unlink") }),
    z.object({ intent: z.literal("link-token") }),
  ],
  { error: "Choose what to do" },
);

export async function action(args: ActionFunctionArgs) {
  const { user, person } = await personForAdmin(args);
  const parsed = parseForm(Intent, await args.request.formData());
  if (!parsed.ok) return invalid(parsed.errors);
  const db = getDb();
  const actor = actorOf(user, args.context);
  const here = `/people/${person.id}/single-sign-on`;
  if (parsed.data.intent === "unlink") {
    const done = await unlinkIdentity(db, person.id, parsed.data.identityId, actor);
    if (!done) return invalid({ form: "That account is no longer linked" });
    return redirectWithFlash(args.request, here, `Account unlinked. ${person.name} can no longer sign in with it`);
  }
  const token = await issueIdentityLinkToken(db, person.id, actor);
  return redirectWithFlash(args.request, here, {
    message: "Link created",
    detail: `Give this link to ${person.name}. It works once and expires in ${IDENTITY_LINK_HOURS} hours:`,
    copy: { text: `${new URL(args.request.url).origin}/sign-in/link/${token}`, testId: "identity-link" },
  });
}

export default function PersonIdentities() {
  const data = useLoaderData<typeof loader>();
  const { errors } = refusalOf(useActionData<typeof action>());
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageHeading caption={data.name}>NHS accounts</PageHeading>
      <p>People sign in with a linked NHSmail or NHS Care Identity (CIS2) account instead of a password.</p>
      <LinkedAccounts accounts={data.linked} canUnlink />
      {data.providersConfigured ? (
        <>
          <h2>Link an account</h2>
          <p>
            Create a link for {data.name} to follow. They sign in with their NHS account, and it is linked to theirs.
          </p>
          <PostButton fields={{ intent: "link-token" }} variant="secondary">
            Create a link to link their NHS account
          </PostButton>
        </>
      ) : null}
      <p>
        <Link to={`/people/${data.id}`}>Back to {data.name}</Link>
      </p>
    </>
  );
}
