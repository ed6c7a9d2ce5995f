import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/lib/flash.server";
import { ReadinessPanel } from "~/components/ReadinessPanel";
import { todayInLondon } from "~/domain/training-status";
import { personOverview } from "~/services/person-overview.server";
import { SupervisionStatusTag, supervisionSummary } from "~/components/SupervisionStatusTag";
import { ErrorSummary } from "~/components/Fields";
import { canResetSignIn, keepsPortfolio } from "~/domain/permissions";
import { disableSecondFactor, issuePasswordToken, SET_PASSWORD_LINK_HOURS } from "~/models/credentials.server";
import { AccountActions, AccountConfirmation } from "~/components/person/AccountActions";
import { AddArrangementForm, Arrangements } from "~/components/person/Arrangements";
import { PersonalDataLinks, PortfolioLinks } from "~/components/person/PersonLinks";
import { PageHeading } from "~/components/kit/Text";
import { Tag } from "~/components/kit/Tag";
import { addArrangement, checkActiveChange, endArrangement, setActive } from "~/models/user.server";
import { actorOf, requireUser } from "~/services/auth.server";
import { getDb } from "~/lib/db.server";
import { invalid, parseForm, refusalOf } from "~/forms/fields";
import { personPageIntent } from "~/forms/person-page";
import { ARRANGEMENT_KIND_LABELS } from "~/domain/vocabulary";
import { refusedByRule } from "~/forms/rule-refusal";
import { personFor } from "~/services/person-page.server";
import { idParam } from "~/lib/request.server";
import { formatDate } from "~/domain/format";
import { SummaryList } from "~/components/SummaryList";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.person.name ?? "Person") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId));
  return personOverview(getDb(), user.viewer, person);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const person = await personFor(user, idParam(params.personId), "manage");
  const parsed = parseForm(personPageIntent, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const db = getDb();
  const actor = actorOf(user, context);
  const input = parsed.data;
  const here = `/people/${person.id}`;
  if (
    (input.intent === "password-link" || input.intent === "reset-two-factor") &&
    !canResetSignIn(user.viewer, person)
  ) {
    return invalid({ form: "To change your own password or two-step sign-in, go to My account" });
  }
  switch (input.intent) {
    case "deactivate":
    case "reactivate":
      try {
        checkActiveChange(person.id, actor);
        // Deactivating signs the person out at once, so it is asked twice.
        if (input.intent === "deactivate" && input.confirm !== "yes") return { confirmDeactivate: true as const };
        await setActive(db, person.id, input.intent === "reactivate", actor);
      } catch (error) {
        return refusedByRule(error);
      }
      return redirectWithFlash(
        request,
        here,
        input.intent === "reactivate" ? "Account reactivated" : "Account deactivated: they have been signed out",
      );
    case "password-link": {
      const token = await issuePasswordToken(db, person.id, actor);
      return redirectWithFlash(request, here, {
        message: "Set-password link created",
        detail: `Give this link to ${person.name}. It works once and expires in ${SET_PASSWORD_LINK_HOURS} hours:`,
        copy: { text: `${new URL(request.url).origin}/set-password/${token}`, testId: "set-password-link" },
      });
    }
    case "reset-two-factor":
      if (!person.totpEnabled) return invalid({ form: `${person.name} does not use two-step sign-in` });
      if (input.confirm !== "yes") return { confirmResetTwoFactor: true as const };
      await disableSecondFactor(db, person.id, actor, "reset");
      return redirectWithFlash(
        request,
        here,
        `Two-step sign-in reset for ${person.name}. They have been signed out. They can sign in with their password and set it up again. If they have forgotten their password too, create a set-password link`,
      );
    case "add-arrangement": {
      try {
        await addArrangement(
          db,
          {
            staffId: person.id,
            personId: input.arrangementPersonId,
            kind: input.kind,
            startedOn: input.startedOn,
            pcnId: person.pcnId,
          },
          actor,
        );
      } catch (error) {
        return refusedByRule(error);
      }
      return redirectWithFlash(request, here, `${ARRANGEMENT_KIND_LABELS[input.kind]} recorded`);
    }
    case "end-arrangement": {
      const ended = await endArrangement(
        db,
        {
          staffId: person.id,
          arrangementId: input.arrangementId,
          endedOn: todayInLondon(new Date()),
          pcnId: person.pcnId,
        },
        actor,
      );
      if (!ended) return invalid({ form: "That arrangement has already ended" });
      return redirectWithFlash(request, here, "Arrangement ended");
    }
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
      <SummaryList
        rows={[
          ["Email", person.email],
          ["Job role", person.jobRoleTitle ?? "None"],
          ["Full-time equivalent", person.fte === null ? "Not recorded" : String(person.fte)],
          ["Start date", person.startDate ? formatDate(person.startDate) : "Not recorded"],
          ["Roles in Care Portfolio", person.roleLabels.join(", ") || "None"],
          ["Password", person.hasPassword ? "Set" : "Not set yet"],
          ["Two-step sign-in", person.totpEnabled ? "On" : "Off"],
        ]}
      />
      {data.canManage ? (
        <p>
          <Link to={`/people/${person.id}/edit`}>Change details and roles</Link>
        </p>
      ) : null}
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
    </>
  );
}
