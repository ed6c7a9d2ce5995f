import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChoiceGroup, ErrorSummary } from "~/components/Fields";
import { SummaryList } from "~/components/SummaryList";
import { canPurgeRecords } from "~/domain/permissions";
import { leaverStatus, purgePerson, type PersonPurgeReport } from "~/models/retention.server";
import { getPerson } from "~/models/user.server";
import { actorOf, notFound, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { formatInstantDate } from "~/domain/format";
import { PURGE_COUNT_LABELS } from "~/domain/vocabulary";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";
import { Button } from "~/components/kit/Button";
import { WarningCallout } from "~/components/kit/WarningCallout";
import { Column, Row } from "~/components/kit/Grid";
import { InsetText } from "~/components/kit/Text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Delete a leaver’s records", data?.person.name) },
];

/** Administrators only; anyone else, or an unknown id, gets the same 404 as a record they may not see. */
async function leaverFor(request: Request, context: LoaderFunctionArgs["context"], personIdParam: string | undefined) {
  const user = await requireUser(request, context);
  if (!canPurgeRecords(user.viewer)) throw notFound();
  const id = idParam(personIdParam);
  const person = id === null ? null : await getPerson(getDb(), id);
  if (!person) throw notFound();
  return { user, person };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { person } = await leaverFor(request, context, params.personId);
  const status = await leaverStatus(getDb(), person.id, env().RETAIN_LEAVERS_DAYS);
  if (!status) throw notFound();
  return { person: { id: person.id, name: person.name }, status, retainDays: env().RETAIN_LEAVERS_DAYS };
}

const Confirm = z.object({
  confirm: z.literal("yes", { error: "Confirm that you understand their records will be deleted for good" }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, person } = await leaverFor(request, context, params.personId);
  const parsed = parseForm(Confirm, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors);
  const report = await purgePerson(
    getDb(),
    env().DATA_DIR,
    person.id,
    env().RETAIN_LEAVERS_DAYS,
    actorOf(user, context),
  );
  if (!report)
    return invalid({
      form: "These records cannot be deleted now. Check the account is deactivated and the retention period has passed",
    });
  return { report, name: person.name };
}

export default function PurgePage() {
  const { person, status, retainDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors } = refusalOf(actionData);
  if (actionData && "report" in actionData) {
    return (
      <>
        <InsetText status>
          <p>The records of {actionData.name} have been deleted.</p>
        </InsetText>
        <h1>What was deleted</h1>
        <SummaryList
          rows={Object.entries(PURGE_COUNT_LABELS)
            .filter(([key]) => key in actionData.report)
            .map(([key, label]) => [label, String(actionData.report[key as keyof PersonPurgeReport])])}
        />
        <p>The audit trail keeps a record that their records were deleted, by whom and when, with these counts only.</p>
        <p>
          <Link to="/people">Back to people</Link>
        </p>
      </>
    );
  }
  return (
    <Row>
      <Column width="two-thirds">
        <ErrorSummary errors={errors} />
        <h1>Delete the records of {person.name}</h1>
        {status.purgeable ? (
          <>
            <WarningCallout title="This cannot be undone">
              <p>
                Their account was deactivated more than {retainDays} days ago, so their retention period has passed.
                Deleting removes their evidence, uploaded files, training records, CPD log, competency sign-offs,
                supervision meetings and arrangements, and their sign-in details.
              </p>
              <p>
                Sign-offs and meetings they gave other people stay on those people&apos;s records, shown as
                &ldquo;Removed person&rdquo;.
              </p>
            </WarningCallout>
            <Form method="post" noValidate>
              <ChoiceGroup
                name="confirm"
                legend="Confirm deletion"
                multiple
                error={errors?.confirm}
                options={[
                  { value: "yes", label: `I understand the records of ${person.name} will be deleted for good` },
                ]}
                selected={[]}
              />
              <Button variant="warning">Delete their records</Button>
            </Form>
          </>
        ) : status.reason === "purged" ? (
          <p>These records have already been deleted.</p>
        ) : status.reason === "active" ? (
          <p>
            {person.name} still has an active account. Deactivate their account first; their records can be deleted{" "}
            {retainDays} days after that.
          </p>
        ) : (
          <p>
            Their records are kept until {formatInstantDate(status.until)}, {retainDays} days after their account was
            deactivated.
          </p>
        )}
        {status.reason !== "purged" ? (
          <p>
            <Link to={`/people/${person.id}`}>Back to {person.name}</Link>
          </p>
        ) : null}
      </Column>
    </Row>
  );
}
