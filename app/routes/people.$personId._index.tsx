import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/lib/flash.server";
import { ReadinessPanel } from "~/components/ReadinessPanel";
import { personOverview } from "~/services/person-overview.server";
import { SupervisionStatusTag, supervisionSummary } from "~/components/SupervisionStatusTag";
import { ErrorSummary } from "~/components/Fields";
import { canManageIdentities, keepsPortfolio } from "~/domain/permissions";
import { AccountActions, AccountConfirmation } from "~/components/person/AccountActions";
import { AddArrangementForm, Arrangements } from "~/components/person/Arrangements";
import { PersonalDataLinks, PortfolioLinks } from "~/components/person/PersonLinks";
import { PersonDetails } from "~/components/person/PersonDetails";
import { InductionProgress } from "~/components/induction/InductionProgress";
import { PageHeading } from "~/components/kit/Text";
import { Tag } from "~/components/kit/Tag";
import { changePerson } from "~/services/person-account.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { personPageIntent } from "~/forms/person-page";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.person.name ?? "Person") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  const overview = await personOverview(getDb(), user.viewer, person);
  return { ...overview, canManageIdentities: canManageIdentities(user.viewer) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId), "manage");
  const parsed = parseForm(personPageIntent, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const origin = new URL(request.url).origin;
  try {
    const change = await changePerson(getDb(), user.viewer, person, parsed.data, actorOf(user, context), origin);
    if ("refused" in change) return invalid(change.refused);
    if ("confirm" in change)
      return change.confirm === "deactivate"
        ? { confirmDeactivate: true as const }
        : { confirmResetTwoFactor: true as const };
    return redirectWithFlash(request, `/people/${person.id}`, change.done);
  } catch (error) {
    return refusedByRule(error);
  }
}

export default function PersonPage() {
  const data = useLoaderData<typeof loader>();
  const { person } = data;
  const actionData = useActionData<typeof action>();
  const { errors, values } = refusalOf(actionData);
  return (
    <>
      <ErrorSummary errors={errors} />
      {actionData && "confirmDeactivate" in actionData ? (
        <AccountConfirmation ask="deactivate" person={person} />
      ) : null}
      {actionData && "confirmResetTwoFactor" in actionData ? (
        <AccountConfirmation ask="reset-two-factor" person={person} />
      ) : null}
      <PageHeading caption={person.pcnName ?? "No PCN"}>{person.name}</PageHeading>
      {!person.active ? <Tag colour="grey">Deactivated</Tag> : null}
      {data.readiness ? <ReadinessPanel readiness={data.readiness} own={data.own} /> : null}
      {data.induction ? <InductionProgress induction={data.induction} own={data.own} /> : null}
      <PersonDetails person={person} canManage={data.canManage} />
      <PersonalDataLinks personId={person.id} canExport={data.canExportData} canPurge={data.canPurge} />
      {keepsPortfolio(person) ? <PortfolioLinks personId={person.id} /> : null}

      <h2>Supervision and line management</h2>
      {data.supervision ? (
        <p data-testid="person-supervision">
          <SupervisionStatusTag status={data.supervision} /> {supervisionSummary(data.supervision)}
        </p>
      ) : null}
      <Arrangements arrangements={data.arrangements} canManage={data.canManage} />
      {data.canManage ? (
        <>
          <AddArrangementForm colleagues={data.colleagues} errors={errors} values={values} />
          <AccountActions person={person} canResetSignIn={data.canResetSignIn} />
        </>
      ) : null}
      {data.canManageIdentities ? (
        <p>
          <Link to={`/people/${person.id}/single-sign-on`}>NHS accounts used to sign in</Link>
        </p>
      ) : null}
    </>
  );
}
